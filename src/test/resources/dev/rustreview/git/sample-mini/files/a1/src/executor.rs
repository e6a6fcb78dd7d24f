pub fn run(jobs: &[Job]) {
    for job in jobs {
        job.run();
    }
}
