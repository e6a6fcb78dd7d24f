use std::time::Duration;

use async_trait::async_trait;
use redis::aio::MultiplexedConnection;
use redis::Client;
use tracing::debug;

use super::ExternalService;
use crate::error::AppError;

const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Redis instance used for deploy locks and job bookkeeping.
#[derive(Debug, Clone)]
pub struct RedisService {
    name: String,
    client: Client,
    connect_timeout: Duration,
}

impl RedisService {
    pub fn new(name: impl Into<String>, url: &str) -> Result<Self, AppError> {
        let client = Client::open(url)?;
        Ok(Self {
            name: name.into(),
            client,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
        })
    }

    /// Overrides how long [`ExternalService::connect`] waits for Redis.
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }
}

#[async_trait]
impl ExternalService for RedisService {
    type Connection = MultiplexedConnection;

    fn name(&self) -> &str {
        &self.name
    }

    async fn health_check(&self) -> Result<(), AppError> {
        let mut conn = self.connect().await?;
        let reply: String = redis::cmd("PING").query_async(&mut conn).await?;
        if reply != "PONG" {
            return Err(AppError::Unavailable {
                service: self.name.clone(),
                reason: format!("unexpected PING reply: {reply}"),
            });
        }
        debug!(service = %self.name, "redis health check passed");
        Ok(())
    }

    async fn connect(&self) -> Result<Self::Connection, AppError> {
        let connecting = self.client.get_multiplexed_async_connection();
        let conn = tokio::time::timeout(self.connect_timeout, connecting)
            .await
            .map_err(|_| AppError::Unavailable {
                service: self.name.clone(),
                reason: format!("connect timed out after {:?}", self.connect_timeout),
            })??;
        Ok(conn)
    }
}
