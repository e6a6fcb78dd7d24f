pub fn run(jobs: &[Job]) {
    for job in jobs {
        if job.run().is_err() {
            job.run();
        }
    }
}
