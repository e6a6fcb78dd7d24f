//! A small in-process job runner.
//!
//! Jobs are queued through a [`JobQueue`] and executed one at a time, in
//! submission order, by the [`JobRunner`].

use std::future::Future;
use std::pin::Pin;

use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;
use tracing::{info, warn};
use uuid::Uuid;

use crate::error::AppError;

type JobFuture = Pin<Box<dyn Future<Output = Result<(), AppError>> + Send>>;

/// Lifecycle of a job, as reported to callers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// A named unit of work.
pub struct Job {
    pub id: Uuid,
    pub name: String,
    task: JobFuture,
}

impl Job {
    pub fn new<F>(name: impl Into<String>, task: F) -> Self
    where
        F: Future<Output = Result<(), AppError>> + Send + 'static,
    {
        Self {
            id: Uuid::new_v4(),
            name: name.into(),
            task: Box::pin(task),
        }
    }
}

/// Sending half: cheap to clone and hand out to request handlers.
#[derive(Clone)]
pub struct JobQueue {
    tx: mpsc::Sender<Job>,
}

impl JobQueue {
    /// Queues `job` and returns its id without waiting for it to run.
    pub async fn submit(&self, job: Job) -> Result<Uuid, AppError> {
        let id = job.id;
        self.tx
            .send(job)
            .await
            .map_err(|_| AppError::Job(id, "job runner has shut down".to_string()))?;
        Ok(id)
    }
}

/// Receiving half: drives queued jobs to completion.
pub struct JobRunner {
    rx: mpsc::Receiver<Job>,
}

impl JobRunner {
    /// Runs jobs until every [`JobQueue`] handle has been dropped.
    pub async fn run(mut self) {
        while let Some(job) = self.rx.recv().await {
            info!(job = %job.id, name = %job.name, "job started");
            match job.task.await {
                Ok(()) => info!(job = %job.id, "job succeeded"),
                Err(err) => warn!(job = %job.id, error = %err, "job failed"),
            }
        }
    }
}

/// Creates a job queue holding at most `capacity` pending jobs.
pub fn channel(capacity: usize) -> (JobQueue, JobRunner) {
    let (tx, rx) = mpsc::channel(capacity);
    (JobQueue { tx }, JobRunner { rx })
}
