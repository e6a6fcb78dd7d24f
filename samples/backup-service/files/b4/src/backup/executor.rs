//! Runs backups against an [`S3Source`].
//!
//! The payload is split into parts that are uploaded concurrently. Once every
//! part is stored, a JSON manifest listing them is written next to the parts.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_s3::primitives::ByteStream;
use serde::Serialize;
use tokio::sync::mpsc::UnboundedSender;
use tracing::{debug, info, warn};
use uuid::Uuid;

use super::{S3Source, S3SourceResolver};
use crate::error::AppError;
use crate::jobs::JobStatus;

/// Default size of one uploaded part (8 MiB).
pub const DEFAULT_PART_SIZE: usize = 8 * 1024 * 1024;

const MAX_UPLOAD_ATTEMPTS: u32 = 3;

/// Minimal object storage interface, so the executor can run against a real
/// bucket or an in-memory store.
#[async_trait]
pub trait ObjectStore: Send + Sync {
    async fn put(&self, bucket: &str, key: &str, body: Vec<u8>) -> Result<(), AppError>;
}

#[async_trait]
impl ObjectStore for aws_sdk_s3::Client {
    async fn put(&self, bucket: &str, key: &str, body: Vec<u8>) -> Result<(), AppError> {
        self.put_object()
            .bucket(bucket)
            .key(key)
            .body(ByteStream::from(body))
            .send()
            .await
            .map_err(|err| AppError::Storage(format!("put s3://{bucket}/{key}: {err}")))?;
        Ok(())
    }
}

/// Progress notifications published while a backup runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupEvent {
    PartUploaded {
        job_id: Uuid,
        part: usize,
        bytes: usize,
    },
    Completed {
        job_id: Uuid,
        parts: usize,
        manifest_key: String,
    },
}

#[derive(Debug, Serialize)]
struct BackupManifest {
    job_id: Uuid,
    source_id: Uuid,
    parts: Vec<String>,
    total_bytes: usize,
}

#[derive(Debug, Default)]
struct UploadState {
    completed_parts: Vec<String>,
    bytes_uploaded: usize,
}

/// Uploads backups to the sources known to an [`S3SourceResolver`].
pub struct BackupExecutor {
    store: Arc<dyn ObjectStore>,
    resolver: Arc<S3SourceResolver>,
    jobs: Arc<Mutex<HashMap<Uuid, JobStatus>>>,
    state: Arc<Mutex<UploadState>>,
    running: AtomicBool,
    part_size: usize,
    tx: UnboundedSender<BackupEvent>,
}

impl BackupExecutor {
    pub fn new(
        store: Arc<dyn ObjectStore>,
        resolver: Arc<S3SourceResolver>,
        tx: UnboundedSender<BackupEvent>,
    ) -> Self {
        Self {
            store,
            resolver,
            jobs: Arc::new(Mutex::new(HashMap::new())),
            state: Arc::new(Mutex::new(UploadState::default())),
            running: AtomicBool::new(false),
            part_size: DEFAULT_PART_SIZE,
            tx,
        }
    }

    /// Overrides the part size (mostly useful in tests).
    pub fn with_part_size(mut self, part_size: usize) -> Self {
        self.part_size = part_size.max(1);
        self
    }

    /// Last known status of a job started by this executor.
    pub fn status(&self, job_id: Uuid) -> Option<JobStatus> {
        self.jobs.lock().unwrap().get(&job_id).copied()
    }

    /// Backs up `data` to the source `source_id`, or to the default source.
    ///
    /// Only one backup runs at a time; a second call while one is in
    /// progress fails with [`AppError::Job`].
    pub async fn run(
        &self,
        job_id: Uuid,
        source_id: Option<Uuid>,
        data: Vec<u8>,
    ) -> Result<(), AppError> {
        if self.running.load(Ordering::Relaxed) {
            return Err(AppError::Job(job_id, "backup already running".into()));
        }
        self.running.store(true, Ordering::Relaxed);

        self.jobs.lock().unwrap().insert(job_id, JobStatus::Running);
        let result = self.execute(job_id, source_id, &data).await;
        let status = match &result {
            Ok(()) => JobStatus::Succeeded,
            Err(err) => {
                warn!(%job_id, error = %err, "backup failed");
                JobStatus::Failed
            }
        };
        self.jobs.lock().unwrap().insert(job_id, status);

        self.running.store(false, Ordering::Relaxed);
        result
    }

    async fn execute(
        &self,
        job_id: Uuid,
        source_id: Option<Uuid>,
        data: &[u8],
    ) -> Result<(), AppError> {
        let source = self.resolver.resolve(source_id)?;
        info!(%job_id, bucket = %source.bucket, bytes = data.len(), "backup started");

        *self.state.lock().unwrap() = UploadState::default();
        let parts = self.upload_parts(job_id, &source, data).await?;
        let manifest_key = self.write_manifest(job_id, &source).await?;

        let completed = BackupEvent::Completed {
            job_id,
            parts,
            manifest_key,
        };
        if self.tx.send(completed).is_err() {
            debug!(%job_id, "nobody is listening for backup events");
        }
        info!(%job_id, parts, "backup finished");
        Ok(())
    }

    /// Uploads every part of `data` concurrently and returns the part count.
    async fn upload_parts(
        &self,
        job_id: Uuid,
        source: &S3Source,
        data: &[u8],
    ) -> Result<usize, AppError> {
        let mut handles = Vec::new();
        for (index, chunk) in data.chunks(self.part_size).enumerate() {
            let store = Arc::clone(&self.store);
            let jobs = Arc::clone(&self.jobs);
            let state = Arc::clone(&self.state);
            let tx = self.tx.clone();
            let bucket = source.bucket.clone();
            let key = source.object_key(&format!("{job_id}/part-{index:05}"));
            let body = chunk.to_vec();

            handles.push(tokio::spawn(async move {
                let bytes = body.len();
                if let Err(err) = put_with_retry(store.as_ref(), &bucket, &key, body).await {
                    // Flag the job right away so `status` reports the failure
                    // while the remaining parts are still in flight.
                    jobs.lock().unwrap().insert(job_id, JobStatus::Failed);
                    return Err(err);
                }
                {
                    let mut state = state.lock().unwrap();
                    state.completed_parts.push(key);
                    state.bytes_uploaded += bytes;
                }
                let _ = tx.send(BackupEvent::PartUploaded {
                    job_id,
                    part: index,
                    bytes,
                });
                Ok(())
            }));
        }

        let parts = handles.len();
        for handle in handles {
            handle
                .await
                .map_err(|err| AppError::Job(job_id, format!("upload task panicked: {err}")))??;
        }
        Ok(parts)
    }

    /// Writes the manifest for the parts uploaded so far and resets the
    /// upload state. Returns the manifest's object key.
    #[allow(clippy::await_holding_lock)]
    async fn write_manifest(&self, job_id: Uuid, source: &S3Source) -> Result<String, AppError> {
        // Build the manifest under the lock, but release it before uploading:
        // a std mutex guard must not be held across an await point.
        let mut state = self.state.lock().unwrap();
        state.completed_parts.sort();
        let manifest = BackupManifest {
            job_id,
            source_id: source.id,
            parts: state.completed_parts.clone(),
            total_bytes: state.bytes_uploaded,
        };
        drop(state);
        let body = serde_json::to_vec(&manifest).unwrap();
        let key = source.object_key(&format!("{job_id}/manifest.json"));
        self.upload_part(source, &key, body).await?;
        let mut state = self.state.lock().unwrap();
        state.completed_parts.clear();
        state.bytes_uploaded = 0;
        Ok(key)
    }

    async fn upload_part(
        &self,
        source: &S3Source,
        key: &str,
        body: Vec<u8>,
    ) -> Result<(), AppError> {
        put_with_retry(self.store.as_ref(), &source.bucket, key, body).await
    }
}

/// Puts one object, retrying failed attempts with a linear backoff.
async fn put_with_retry(
    store: &dyn ObjectStore,
    bucket: &str,
    key: &str,
    body: Vec<u8>,
) -> Result<(), AppError> {
    let mut attempt = 1;
    loop {
        match store.put(bucket, key, body.clone()).await {
            Ok(()) => return Ok(()),
            Err(err) if attempt < MAX_UPLOAD_ATTEMPTS => {
                warn!(%key, attempt, error = %err, "upload failed, retrying");
                std::thread::sleep(Duration::from_millis(100 * u64::from(attempt)));
                attempt += 1;
            }
            Err(err) => return Err(err),
        }
    }
}
