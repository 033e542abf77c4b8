//! The room: the participant service that phones in the lab room join over the laptop's
//! own hotspot or the venue's Wi-Fi, with no internet and nothing leaving the room.
//!
//! What it is:
//! - An HTTP/1.1 server (axum on hyper, on the tokio runtime the app already has) bound
//!   **only** to the address the facilitator picked ([`start`] refuses the unspecified
//!   addresses `0.0.0.0` and `::`, which would serve every interface), serving one lab.
//! - The participant pages (`assets/`: one HTML page, its CSS and JS, and its own id/en
//!   catalogue, embedded in the binary; no external resource; under [`PAGE_BUDGET`]
//!   bytes in all, checked by a test) and the participant API, and nothing else: join,
//!   what the wall may show, send a proposal, ask and +1 a question, cast a ballot
//!   (`api.rs`). No list of ideas beyond the wall, no reviews, people, exports or files.
//! - Every API call but the lobby and join needs a phone's session token (`Authorization:
//!   Bearer`); the lobby and join need the open room's join code. Everything a phone
//!   sends goes through the core's checks (`validate.rs`, the photo checks), which answer
//!   with typed reasons the page words in its language.
//!
//! Safety (`guard.rs`, `listener.rs`): the `Host` header must be the bound address (a
//! DNS-rebinding page cannot reach the service); API calls need the `X-Labinov-Room`
//! header (a cross-site form or fetch cannot send it without a CORS preflight, which is
//! never granted) and, when the browser says, a same-origin `Origin` / `Sec-Fetch-Site`;
//! every answer carries a strict CSP (`default-src 'none'`, only the page's own script,
//! style and API; `frame-ancestors 'none'`), `X-Frame-Options: DENY`, `nosniff`,
//! `no-referrer` and `no-store`; bodies are limited (16 KiB, a proposal with its photo
//! 4 MiB), requests per phone address are rate-limited (a keyed GCRA limiter, `governor`),
//! connections are limited per phone address and in all, and a request that takes too
//! long is cut off.
//!
//! [`RoomServer`] is the running service: [`RoomServer::shutdown`] (or dropping it)
//! closes the listening socket and ends every connection, so closing the app or the lab
//! closes the service.

mod api;
mod guard;
mod listener;
mod pages;

use std::future::IntoFuture;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use labinov_core::Store;
use tokio::sync::oneshot;

pub use pages::{page_bytes, PAGE_BUDGET, TEXTS_JSON};

/// The limits the service keeps. [`RoomConfig::default`] suits a lab of a few hundred
/// phones on one Wi-Fi.
#[derive(Debug, Clone)]
pub struct RoomConfig {
    /// Largest request body, in bytes (everything but a proposal).
    pub max_body: usize,
    /// Largest proposal body, in bytes (its photo, resized on the phone, as base64).
    pub max_proposal_body: usize,
    /// Requests a phone address may send in a burst.
    pub burst: u32,
    /// Requests a phone address may send per second, sustained.
    pub per_second: u32,
    /// Open connections per phone address.
    pub max_connections_per_phone: usize,
    /// Open connections in all.
    pub max_connections: usize,
    /// Requests handled at once.
    pub max_in_flight: usize,
    /// Longest a request may take, headers to answer.
    pub request_timeout: Duration,
}

impl Default for RoomConfig {
    fn default() -> Self {
        RoomConfig {
            max_body: 16 << 10,
            max_proposal_body: 4 << 20,
            burst: 30,
            per_second: 5,
            max_connections_per_phone: 8,
            max_connections: 1024,
            max_in_flight: 256,
            request_timeout: Duration::from_secs(30),
        }
    }
}

/// Why the service could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// `0.0.0.0` or `::`: the service binds to one chosen address only.
    #[error("the room binds to one chosen address, not to every interface ({0})")]
    Unspecified(IpAddr),
    #[error("could not listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

/// The running participant service of one lab.
pub struct RoomServer {
    addr: SocketAddr,
    lab_id: String,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl RoomServer {
    /// The address the service listens on (its port chosen by the system when 0 was
    /// asked).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn lab_id(&self) -> &str {
        &self.lab_id
    }

    /// The address phones open: `http://<address>:<port>/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// The address with the join code filled in, for the QR code.
    pub fn join_url(&self, join_code: &str) -> String {
        format!("{}#{}", self.url(), join_code)
    }

    /// Stops listening, ends every connection and waits until the server has stopped.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for RoomServer {
    /// Dropping the handle stops the service too (the socket closes as the task ends).
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Starts the participant service of `lab_id` on `addr` (port 0: one the system picks),
/// on the current tokio runtime. The room must be open in the store
/// ([`Store::open_room`]) for phones to join; closing it there ends their sessions even
/// while the service runs.
pub async fn start(
    store: Arc<Store>,
    lab_id: &str,
    addr: SocketAddr,
    config: RoomConfig,
) -> Result<RoomServer, StartError> {
    if addr.ip().is_unspecified() {
        return Err(StartError::Unspecified(addr.ip()));
    }
    let tcp = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| StartError::Bind { addr, source })?;
    let local = tcp
        .local_addr()
        .map_err(|source| StartError::Bind { addr, source })?;
    let listener = listener::Limited::new(
        tcp,
        config.max_connections_per_phone,
        config.max_connections,
    );
    let app = api::router(store, lab_id.to_owned(), local, &config);
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let (closing, closing_begun) = oneshot::channel::<()>();
        let served = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<listener::Peer>(),
        )
        .with_graceful_shutdown(async move {
            let _ = stopped.await;
            let _ = closing.send(());
        })
        .into_future();
        tokio::pin!(served);
        // Serve until the facilitator closes the room (or the handle is dropped).
        tokio::select! {
            end = &mut served => {
                if let Err(e) = end {
                    tracing::warn!("the room's server stopped: {e}");
                }
                return;
            }
            _ = closing_begun => {}
        }
        // Closing: the listening socket is gone; graceful shutdown waits for open
        // connections, and a phone keeping one open must not keep the service alive
        // after the facilitator closed it.
        match tokio::time::timeout(Duration::from_secs(2), served).await {
            Ok(Err(e)) => tracing::warn!("the room's server stopped: {e}"),
            Ok(Ok(())) => {}
            Err(_) => tracing::info!("the room's server closed its last connections"),
        }
    });
    tracing::info!(%local, "the room is open");
    Ok(RoomServer {
        addr: local,
        lab_id: lab_id.to_owned(),
        stop: Some(stop),
        task: Some(task),
    })
}

/// One address of this machine the facilitator may serve the room on.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InterfaceAddress {
    /// The interface's name as the system calls it (`wlan0`, `Wi-Fi`, ...).
    pub interface: String,
    pub ip: IpAddr,
    /// Only this machine can reach it (for trying the pages on the laptop itself).
    pub loopback: bool,
}

/// The machine's IPv4 addresses (phones on a hotspot or a venue's Wi-Fi use IPv4),
/// loopback last. Link-local addresses (169.254.x.x, no DHCP) are left out: no phone
/// reaches them reliably.
pub fn interface_addresses() -> std::io::Result<Vec<InterfaceAddress>> {
    let mut out: Vec<InterfaceAddress> = if_addrs::get_if_addrs()?
        .into_iter()
        .filter_map(|i| match i.ip() {
            IpAddr::V4(v4) if !v4.is_link_local() && !v4.is_unspecified() => {
                Some(InterfaceAddress {
                    interface: i.name.clone(),
                    ip: IpAddr::V4(v4),
                    loopback: v4.is_loopback(),
                })
            }
            _ => None,
        })
        .collect();
    out.sort_by_key(|a| (a.loopback, a.interface.clone(), a.ip));
    out.dedup();
    Ok(out)
}

/// The QR code of `url` as an SVG document (black on white, with its quiet zone).
pub fn qr_svg(url: &str) -> String {
    match qrcode::QrCode::with_error_correction_level(url, qrcode::EcLevel::M) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(240, 240)
            .dark_color(qrcode::render::svg::Color("#000000"))
            .light_color(qrcode::render::svg::Color("#ffffff"))
            .build(),
        // Only a URL longer than a QR code holds (thousands of characters) fails.
        Err(e) => {
            tracing::warn!("no QR code for the room's address: {e}");
            String::new()
        }
    }
}
