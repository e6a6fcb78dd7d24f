use thiserror::Error;
use uuid::Uuid;

#[derive(Debug, Error)]
pub enum AppError {
    #[error("configuration error: {0}")]
    Config(String),

    #[error("service `{service}` is unavailable: {reason}")]
    Unavailable { service: String, reason: String },

    #[error("backup source {0} is not registered")]
    SourceNotFound(Uuid),

    #[error("no default backup source is configured")]
    NoDefaultSource,

    #[error("storage error: {0}")]
    Storage(String),

    #[error("job {0} failed: {1}")]
    Job(Uuid, String),

    #[error(transparent)]
    Redis(#[from] redis::RedisError),

    #[error(transparent)]
    Database(#[from] sea_orm::DbErr),

    #[error(transparent)]
    Serialization(#[from] serde_json::Error),
}
