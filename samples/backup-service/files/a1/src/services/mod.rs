//! External services a deployment depends on.

use async_trait::async_trait;

use crate::error::AppError;

pub mod postgres;
pub mod redis;

/// A backing service that `deployd` provisions and keeps an eye on.
#[async_trait]
pub trait ExternalService: Send + Sync {
    /// Handle returned by [`ExternalService::connect`].
    type Connection: Send;

    /// Name used in logs and health reports.
    fn name(&self) -> &str;

    /// Checks that the service is reachable and answering requests.
    async fn health_check(&self) -> Result<(), AppError>;

    /// Opens a new connection to the service.
    async fn connect(&self) -> Result<Self::Connection, AppError>;
}
