//! What the HTTP tests share: a lab with its room open and the service on loopback.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::Arc;

use labinov_core::{NewAgency, NewLab, Store};
use labinov_room::{RoomConfig, RoomServer};
use reqwest::header::HeaderMap;
use serde_json::Value;

pub struct Room {
    _dir: tempfile::TempDir,
    pub store: Arc<Store>,
    pub server: RoomServer,
    pub lab_id: String,
    pub agency_id: String,
    pub code: String,
    pub base: String,
    pub http: reqwest::Client,
}

/// A lab with two agencies, its room open, the service on 127.0.0.1 (a port the system
/// picks) with `config`.
pub async fn open(config: RoomConfig) -> Room {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path().join("lab.db")).unwrap());
    let lab = store
        .create_lab(NewLab {
            name: "Labinov Kota Cilegon".into(),
            start_date: "2026-11-02".into(),
            days: 3,
            idea_target: 30,
            ..Default::default()
        })
        .unwrap();
    let mut agencies = Vec::new();
    for (code, name) in [
        ("DINKES", "Dinas Kesehatan"),
        ("DISHUB", "Dinas Perhubungan"),
    ] {
        agencies.push(
            store
                .add_agency(
                    &lab.id,
                    NewAgency {
                        code: code.into(),
                        name: name.into(),
                        ..Default::default()
                    },
                )
                .unwrap(),
        );
    }
    let opening = store.open_room(&lab.id, false).unwrap();
    let addr: SocketAddr = "127.0.0.1:0".parse().unwrap();
    let server = labinov_room::start(store.clone(), &lab.id, addr, config)
        .await
        .unwrap();
    Room {
        _dir: dir,
        store,
        base: format!("http://{}", server.local_addr()),
        server,
        lab_id: lab.id,
        agency_id: agencies[0].id.clone(),
        code: opening.join_code,
        http: reqwest::Client::builder().no_proxy().build().unwrap(),
    }
}

/// An answer: status, headers, JSON body (`Null` when not JSON).
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Answer {
    /// The refusal's reason kind, if any.
    pub fn reason(&self) -> Option<&str> {
        self.body.pointer("/reason/kind").and_then(Value::as_str)
    }
    pub fn code(&self) -> Option<&str> {
        self.body.get("code").and_then(Value::as_str)
    }
}

impl Room {
    /// A request as the participant page makes it (the room header, JSON, the token).
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("X-Labinov-Room", "1");
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req
                .header("Content-Type", "application/json")
                .body(b.to_string());
        }
        answer(req.send().await.unwrap()).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Answer {
        self.call(reqwest::Method::POST, path, token, Some(body))
            .await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Answer {
        self.call(reqwest::Method::GET, path, token, None).await
    }

    /// Adds an idea of the first agency to the lab; its id.
    pub fn idea(&self, title: &str) -> String {
        self.store
            .add_idea(
                &self.lab_id,
                labinov_core::IdeaInput {
                    agency_id: self.agency_id.clone(),
                    title: title.into(),
                    ..Default::default()
                },
            )
            .unwrap()
            .id
    }

    /// Joins a phone as the first agency; its token.
    pub async fn join(&self) -> String {
        let a = self
            .post(
                "/api/join",
                None,
                serde_json::json!({"code": self.code, "agencyId": self.agency_id}),
            )
            .await;
        assert_eq!(a.status, 201, "{}", a.body);
        a.body["token"].as_str().unwrap().to_owned()
    }
}

pub async fn answer(res: reqwest::Response) -> Answer {
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let bytes = res.bytes().await.unwrap();
    Answer {
        status,
        headers,
        body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    }
}

pub fn uuid() -> String {
    uuid::Uuid::now_v7().to_string()
}
