//! Exporting a lab to a USB stick or any folder.

pub mod safe_write;
