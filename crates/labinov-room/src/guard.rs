//! What every request passes before it reaches a handler, and what every answer carries
//! (rules in the crate docs): the per-phone rate, the `Host` check, the cross-site check
//! of API calls, and the security headers.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::listener::Peer;
use crate::RoomConfig;

/// The header every API call must carry. A page of another site cannot send it without
/// a CORS preflight, which this service never grants.
pub(crate) const ROOM_HEADER: &str = "x-labinov-room";

/// The participant pages' content security policy: only their own script, style and
/// API; photos previewed from the phone (`blob:`); no frames, forms or plugins.
pub(crate) const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
    img-src 'self' blob: data:; connect-src 'self'; form-action 'none'; base-uri 'none'; \
    frame-ancestors 'none'";

pub(crate) struct Guard {
    /// `host:port` as phones address the service.
    authority: String,
    /// `http://host:port`.
    origin: String,
    limiter: DefaultKeyedRateLimiter<IpAddr>,
}

impl Guard {
    pub(crate) fn new(local: SocketAddr, config: &RoomConfig) -> Guard {
        let nz = |n: u32| NonZeroU32::new(n.max(1)).expect("at least 1");
        let quota = Quota::per_second(nz(config.per_second)).allow_burst(nz(config.burst));
        let authority = local.to_string();
        Guard {
            origin: format!("http://{authority}"),
            authority,
            limiter: RateLimiter::keyed(quota),
        }
    }
}

/// A refusal before any handler: `{"code": ...}` with the status.
pub(crate) fn refuse(status: StatusCode, code: &str) -> Response {
    (status, axum::Json(serde_json::json!({ "code": code }))).into_response()
}

fn header_is(headers: &HeaderMap, name: impl header::AsHeaderName, allowed: &[&str]) -> bool {
    match headers.get(name) {
        None => true,
        Some(v) => v.to_str().is_ok_and(|v| allowed.contains(&v)),
    }
}

pub(crate) async fn check(
    State(guard): State<Arc<Guard>>,
    ConnectInfo(Peer(peer)): ConnectInfo<Peer>,
    req: Request,
    next: Next,
) -> Response {
    let res = if guard.limiter.check_key(&peer.ip()).is_err() {
        refuse(StatusCode::TOO_MANY_REQUESTS, "rate_limited")
    } else if req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .is_none_or(|h| !h.eq_ignore_ascii_case(&guard.authority))
    {
        // Another name for this address (DNS rebinding) or none.
        refuse(StatusCode::MISDIRECTED_REQUEST, "wrong_host")
    } else if req.uri().path().starts_with("/api/")
        && !(req
            .headers()
            .get(ROOM_HEADER)
            .is_some_and(|v| v.as_bytes() == b"1")
            && header_is(req.headers(), header::ORIGIN, &[&guard.origin])
            && header_is(req.headers(), "sec-fetch-site", &["same-origin", "none"]))
    {
        refuse(StatusCode::FORBIDDEN, "cross_site")
    } else {
        next.run(req).await
    };
    secure(res)
}

/// The headers every answer carries.
fn secure(mut res: Response) -> Response {
    let h = res.headers_mut();
    let set = |h: &mut HeaderMap, name: &'static str, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(h, "content-security-policy", CSP);
    set(h, "x-frame-options", "DENY");
    set(h, "x-content-type-options", "nosniff");
    set(h, "referrer-policy", "no-referrer");
    set(h, "cross-origin-resource-policy", "same-origin");
    set(h, "cross-origin-opener-policy", "same-origin");
    set(
        h,
        "permissions-policy",
        "geolocation=(), microphone=(), camera=(self)",
    );
    set(h, "cache-control", "no-store");
    res
}
