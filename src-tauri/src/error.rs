//! The one error type every command returns. It reaches the UI as `{code, message, field}`
//! (see `labinov_core::ErrorPayload`); the UI shows its own translated text for the code.

use labinov_core::{ErrorCode, ErrorPayload};
use serde::{Serialize, Serializer};

#[derive(Debug, Clone)]
pub struct ApiError(pub ErrorPayload);

pub type ApiResult<T> = Result<T, ApiError>;

impl From<labinov_core::Error> for ApiError {
    fn from(e: labinov_core::Error) -> Self {
        ApiError(e.payload())
    }
}

impl From<tauri::Error> for ApiError {
    fn from(e: tauri::Error) -> Self {
        ApiError::internal(e)
    }
}

impl ApiError {
    pub fn internal(e: impl std::fmt::Display) -> Self {
        ApiError(ErrorPayload {
            code: ErrorCode::Internal,
            message: e.to_string(),
            field: None,
            reason: None,
        })
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.0.code.as_str(), self.0.message)
    }
}

impl Serialize for ApiError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}
