use async_trait::async_trait;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};
use tracing::debug;

use super::ExternalService;
use crate::error::AppError;

const DEFAULT_MAX_CONNECTIONS: u32 = 10;

/// Postgres database holding the control-plane state.
#[derive(Debug, Clone)]
pub struct PostgresService {
    name: String,
    url: String,
    max_connections: u32,
}

impl PostgresService {
    pub fn new(name: impl Into<String>, url: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            url: url.into(),
            max_connections: DEFAULT_MAX_CONNECTIONS,
        }
    }

    /// Overrides the size of the connection pool opened by `connect`.
    pub fn with_max_connections(mut self, max_connections: u32) -> Self {
        self.max_connections = max_connections;
        self
    }
}

#[async_trait]
impl ExternalService for PostgresService {
    type Connection = DatabaseConnection;

    fn name(&self) -> &str {
        &self.name
    }

    async fn health_check(&self) -> Result<(), AppError> {
        let conn = self.connect().await?;
        conn.execute_unprepared("SELECT 1").await?;
        debug!(service = %self.name, "postgres health check passed");
        Ok(())
    }

    async fn connect(&self) -> Result<Self::Connection, AppError> {
        let mut options = ConnectOptions::new(self.url.clone());
        options
            .max_connections(self.max_connections)
            .sqlx_logging(false);
        let conn = Database::connect(options).await?;
        Ok(conn)
    }
}
