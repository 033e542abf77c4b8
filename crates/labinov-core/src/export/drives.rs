//! The removable drives an export can go to.
//!
//! Linux: the mounts in `/proc/self/mounts` that are either on a block device whose
//! `/sys/block/<disk>/removable` says 1 (or that sits on the USB bus), or mounted under
//! `/media`, `/run/media/<user>` or `/mnt` (which covers FUSE mounts of FAT and exFAT,
//! `fusefat` and `exfat-fuse`, that have no block device of their own). Each with its
//! label (the mount folder's name), free and total space (from `df -P`, since the core
//! forbids `unsafe` and so makes no `statvfs(3)` call of its own), and whether this user
//! may write there (a probe file created and removed).
//!
//! Other systems list nothing: the user picks a folder instead.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A place an export can be written to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Drive {
    /// The mount point.
    pub path: String,
    /// What to call it: the volume label as mounted (the folder's name).
    pub label: String,
    /// The file system type (`vfat`, `exfat`, `fuseblk`, `fuse.fusefat`, ...).
    pub fs_type: String,
    #[ts(type = "number | null")]
    pub free_bytes: Option<u64>,
    #[ts(type = "number | null")]
    pub total_bytes: Option<u64>,
    /// Mounted read-write and this user may create files there.
    pub writable: bool,
}

/// Undoes the octal escapes of `/proc/self/mounts` (`\040` for a space, ...).
fn unescape(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 4 <= b.len() {
            let oct = &b[i + 1..i + 4];
            if oct.iter().all(|c| (b'0'..=b'7').contains(c)) {
                let text = std::str::from_utf8(oct).unwrap_or("");
                if let Ok(v) = u8::from_str_radix(text, 8) {
                    out.push(v);
                    i += 4;
                    continue;
                }
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One line of `/proc/self/mounts`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    pub device: String,
    pub point: String,
    pub fs_type: String,
    pub read_only: bool,
}

pub fn parse_mounts(text: &str) -> Vec<Mount> {
    text.lines()
        .filter_map(|line| {
            let mut f = line.split_whitespace();
            let device = unescape(f.next()?);
            let point = unescape(f.next()?);
            let fs_type = f.next()?.to_owned();
            let opts = f.next().unwrap_or("");
            Some(Mount {
                device,
                point,
                fs_type,
                read_only: opts.split(',').any(|o| o == "ro"),
            })
        })
        .collect()
}

/// The disk a partition device belongs to, as named in `/sys/block` (`sdb1` → `sdb`,
/// `mmcblk0p1` → `mmcblk0`, `nvme0n1p2` → `nvme0n1`).
fn disk_of(device: &str) -> Option<String> {
    let name = device.strip_prefix("/dev/")?;
    let sys = Path::new("/sys/class/block").join(name);
    // A partition's sysfs folder sits inside its disk's folder.
    if let Ok(real) = std::fs::canonicalize(&sys) {
        if real.join("partition").exists() {
            return real
                .parent()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned());
        }
        return real.file_name().map(|n| n.to_string_lossy().into_owned());
    }
    None
}

fn removable_device(device: &str) -> bool {
    let Some(disk) = disk_of(device) else {
        return false;
    };
    let base = Path::new("/sys/block").join(&disk);
    let removable = std::fs::read_to_string(base.join("removable"))
        .map(|s| s.trim() == "1")
        .unwrap_or(false);
    let usb = std::fs::canonicalize(base.join("device"))
        .map(|p| {
            p.components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with("usb"))
        })
        .unwrap_or(false);
    removable || usb
}

/// Mount points users get removable media under.
fn removable_place(point: &str) -> bool {
    point.starts_with("/media/") || point.starts_with("/run/media/") || point.starts_with("/mnt/")
}

const PSEUDO: &[&str] = &[
    "proc",
    "sysfs",
    "tmpfs",
    "devtmpfs",
    "devpts",
    "cgroup",
    "cgroup2",
    "overlay",
    "squashfs",
    "mqueue",
    "debugfs",
    "tracefs",
    "securityfs",
    "pstore",
    "bpf",
    "autofs",
    "configfs",
    "fusectl",
    "hugetlbfs",
    "binfmt_misc",
    "ramfs",
    "nsfs",
    "efivarfs",
];

/// Free and total bytes of the file system holding `path`, from `df` (POSIX, present on
/// every Linux; the core forbids `unsafe`, so no `statvfs` call of its own).
pub fn space(path: &Path) -> (Option<u64>, Option<u64>) {
    let out = std::process::Command::new("df")
        .args(["-P", "-k", "--"])
        .arg(path)
        .output();
    let Ok(out) = out else { return (None, None) };
    let text = String::from_utf8_lossy(&out.stdout);
    let Some(line) = text.lines().nth(1) else {
        return (None, None);
    };
    let f: Vec<&str> = line.split_whitespace().collect();
    // Filesystem 1024-blocks Used Available Capacity Mounted-on
    if f.len() < 6 {
        return (None, None);
    }
    let kb = |s: &str| s.parse::<u64>().ok().map(|v| v * 1024);
    (kb(f[3]), kb(f[1]))
}

/// Whether this user can create a file in `dir` (checked by creating and removing one).
pub fn writable(dir: &Path) -> bool {
    let probe = dir.join(format!(".labinov-probe-{}", uuid::Uuid::now_v7()));
    match std::fs::File::create(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(_) => false,
    }
}

/// The removable drives mounted now (see the module docs).
pub fn list_drives() -> Vec<Drive> {
    if !cfg!(target_os = "linux") {
        return Vec::new();
    }
    let Ok(text) = std::fs::read_to_string("/proc/self/mounts") else {
        return Vec::new();
    };
    drives_from(&parse_mounts(&text))
}

pub fn drives_from(mounts: &[Mount]) -> Vec<Drive> {
    let mut out: Vec<Drive> = Vec::new();
    for m in mounts {
        if PSEUDO.contains(&m.fs_type.as_str()) || m.point == "/" {
            continue;
        }
        if !(removable_place(&m.point) || removable_device(&m.device)) {
            continue;
        }
        if out.iter().any(|d| d.path == m.point) {
            continue;
        }
        let point = PathBuf::from(&m.point);
        if !point.is_dir() {
            continue;
        }
        let (free_bytes, total_bytes) = space(&point);
        out.push(Drive {
            label: point
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| m.point.clone()),
            path: m.point.clone(),
            fs_type: m.fs_type.clone(),
            free_bytes,
            total_bytes,
            writable: !m.read_only && writable(&point),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mounts_are_parsed_with_escapes_and_read_only_flags() {
        let text = "/dev/sdb1 /media/budi/FLASH\\040DISK vfat rw,nosuid 0 0\n\
                    fusefat /media/x fuse.fusefat ro,nosuid 0 0\n\
                    proc /proc proc rw 0 0\n";
        let m = parse_mounts(text);
        assert_eq!(m.len(), 3);
        assert_eq!(m[0].point, "/media/budi/FLASH DISK");
        assert!(!m[0].read_only);
        assert_eq!(m[1].fs_type, "fuse.fusefat");
        assert!(m[1].read_only);
    }

    #[test]
    fn a_folder_under_media_is_offered_with_its_space_and_writability() {
        // A real folder standing in for a mount under /media is not possible without
        // root; a mount list naming a temp folder under /mnt-like rules is checked
        // through `removable_place` and the writable probe instead.
        assert!(removable_place("/media/budi/STICK"));
        assert!(removable_place("/run/media/budi/STICK"));
        assert!(!removable_place("/home/budi"));
        let dir = tempfile::tempdir().unwrap();
        assert!(writable(dir.path()));
        let (free, total) = space(dir.path());
        assert!(free.unwrap() > 0 && total.unwrap() >= free.unwrap());
        // Nothing is left behind by the probe.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn pseudo_file_systems_and_the_root_are_never_drives() {
        let mounts = parse_mounts("proc /proc proc rw 0 0\n/dev/sda1 / ext4 rw 0 0\n");
        assert!(drives_from(&mounts).is_empty());
    }
}
