//! The removable drives an export can go to, and the bundles on them.
//!
//! Every system is first read into one list of [`Volume`]s (what the system says of each
//! mounted volume), and one pure function, [`select`], picks the drives from that list by
//! the rules of the system ([`Platform`]). So the Windows and macOS rules are unit-tested
//! on any machine, and all the reading code is compiled on every system (the branch is
//! chosen by a constant, not by `#[cfg]`). Then each picked drive that is a folder gets
//! its free and total space (where the listing did not give them) and a writable probe
//! (a file created and removed: a drive can be mounted read-write and still refuse this
//! user).
//!
//! Per system:
//! - **Linux**: the mounts in `/proc/self/mounts` (its octal escapes undone) that are
//!   either on a block device whose `/sys/block/<disk>/removable` says 1 (or that sits on
//!   the USB bus), or mounted under `/media`, `/run/media/<user>` or `/mnt` (which covers
//!   FUSE mounts of FAT and exFAT, `fusefat` and `exfat-fuse`, that have no block device
//!   of their own); never a pseudo file system or `/`. Label: the mount folder's name
//!   (udisks names it after the volume label). Read-only: the `ro` mount option.
//! - **Windows**: the volumes `sysinfo` lists (`GetVolumeInformationW`) that Windows
//!   calls removable (`GetDriveTypeW` = `DRIVE_REMOVABLE`: USB sticks and SD cards; a USB
//!   hard disk that Windows calls fixed is not offered, the user picks its folder), at
//!   their drive letter (`E:\`) or folder mount. Label: the volume name, or the letter
//!   (`E:`) when it has none. Read-only: the volume's read-only flag (a locked SD card).
//!   Free and total space: `GetDiskFreeSpaceExW`, through sysinfo.
//! - **macOS**: the volumes `sysinfo` lists (Core Foundation's browsable, local volumes)
//!   that are ejectable, removable or not internal, mounted under `/Volumes`. Label: the
//!   volume name, or the folder's name. Read-only: `MNT_RDONLY`. Space as sysinfo gives it.
//! - **Other Unix systems** (the BSDs): the volumes sysinfo calls removable, never `/`.
//!
//! [`space`] (also used to tell a full drive from a read-only one, for any folder): on
//! Unix `statvfs(3)` through `rustix` (safe bindings: the core forbids `unsafe`), free =
//! blocks available to this user; on Windows the sysinfo volume holding the folder.
//!
//! [`find_bundles`] looks for `.labinov` bundles on the drives listed here.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::FoundBundle;

/// A place an export can be written to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Drive {
    /// The mount point (`/media/budi/STICK`, `E:\`, `/Volumes/STICK`).
    pub path: String,
    /// What to call it: the volume label (Windows, macOS; the drive letter on Windows when
    /// the volume has none) or the mount folder's name (Linux, named after the label).
    pub label: String,
    /// The file system type (`vfat`, `exfat`, `fuseblk`, `fuse.fusefat`, `FAT32`, `msdos`,
    /// ...).
    pub fs_type: String,
    #[ts(type = "number | null")]
    pub free_bytes: Option<u64>,
    #[ts(type = "number | null")]
    pub total_bytes: Option<u64>,
    /// Mounted read-write and this user may create files there.
    pub writable: bool,
}

/// The rules [`select`] picks drives by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Linux,
    Windows,
    MacOs,
    /// Another Unix (a BSD): sysinfo's removable volumes.
    Other,
}

impl Platform {
    /// The system this build runs on.
    pub const CURRENT: Platform = if cfg!(target_os = "linux") {
        Platform::Linux
    } else if cfg!(windows) {
        Platform::Windows
    } else if cfg!(target_os = "macos") {
        Platform::MacOs
    } else {
        Platform::Other
    };
}

/// One mounted volume as the system describes it, before [`select`] picks drives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Volume {
    /// Where it is mounted (`/media/budi/STICK`, `E:\`, `/Volumes/STICK`).
    pub mount_point: String,
    /// Its label where the system gives one apart from the mount point (Windows, macOS);
    /// empty on Linux, where the mount folder is named after it.
    pub name: String,
    pub fs_type: String,
    /// The system calls it removable (Linux: `/sys/block/<disk>/removable` or on the USB
    /// bus; Windows: `DRIVE_REMOVABLE`; macOS: ejectable, removable or not internal).
    pub removable: bool,
    pub read_only: bool,
    /// Space as the listing gave it (Windows, macOS); `None`: ask [`space`].
    pub free_bytes: Option<u64>,
    pub total_bytes: Option<u64>,
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

/// Linux: whether sysfs calls the block device `device` removable or puts it on the USB
/// bus (false for anything that is not a `/dev/` block device).
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

/// Linux: the volumes of `/proc/self/mounts`, each asked of sysfs whether it is removable.
fn linux_volumes() -> Vec<Volume> {
    let Ok(text) = std::fs::read_to_string("/proc/self/mounts") else {
        return Vec::new();
    };
    volumes_from_mounts(&parse_mounts(&text), removable_device)
}

/// `mounts` as volumes; `removable` tells of a device (sysfs, or a stand-in in tests).
fn volumes_from_mounts(mounts: &[Mount], removable: impl Fn(&str) -> bool) -> Vec<Volume> {
    mounts
        .iter()
        .map(|m| Volume {
            mount_point: m.point.clone(),
            name: String::new(),
            fs_type: m.fs_type.clone(),
            // Only a `/dev/` device can be asked (sysfs); pseudo file systems never are.
            removable: !PSEUDO.contains(&m.fs_type.as_str()) && removable(&m.device),
            read_only: m.read_only,
            free_bytes: None,
            total_bytes: None,
        })
        .collect()
}

/// Windows, macOS and other systems: the volumes sysinfo lists, with their space.
/// (Compiled on Linux too, where it is not called by [`list_drives`] but tested.)
fn sysinfo_volumes() -> Vec<Volume> {
    let disks = sysinfo::Disks::new_with_refreshed_list_specifics(
        sysinfo::DiskRefreshKind::nothing().with_storage(),
    );
    disks
        .list()
        .iter()
        .filter_map(|d| {
            // A mount point that is not Unicode could not be handed on as text.
            let mount_point = d.mount_point().to_str()?.to_owned();
            // sysinfo says 0 when it could not read the space.
            let known = d.total_space() > 0;
            Some(Volume {
                mount_point,
                name: d.name().to_string_lossy().trim().to_owned(),
                fs_type: d.file_system().to_string_lossy().into_owned(),
                removable: d.is_removable(),
                read_only: d.is_read_only(),
                free_bytes: known.then(|| d.available_space()),
                total_bytes: known.then(|| d.total_space()),
            })
        })
        .collect()
}

/// The volumes of this system (see the module docs).
fn system_volumes() -> Vec<Volume> {
    match Platform::CURRENT {
        Platform::Linux => linux_volumes(),
        Platform::Windows | Platform::MacOs | Platform::Other => sysinfo_volumes(),
    }
}

/// Linux mount points users get removable media under.
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

/// The last name in a path written with `/` or `\`, trailing separators left out
/// (`/media/budi/STICK` → `STICK`, `C:\Kartu\` → `Kartu`, `E:\` → `E:`).
fn last_name(point: &str) -> &str {
    let trimmed = point.trim_end_matches(['/', '\\']);
    trimmed.rsplit(['/', '\\']).next().unwrap_or(trimmed)
}

/// Whether `v` is a drive under `platform`'s rules (see the module docs).
fn is_drive(platform: Platform, v: &Volume) -> bool {
    match platform {
        Platform::Linux => {
            !PSEUDO.contains(&v.fs_type.as_str())
                && v.mount_point != "/"
                && (removable_place(&v.mount_point) || v.removable)
        }
        Platform::Windows => v.removable,
        Platform::MacOs => v.removable && v.mount_point.starts_with("/Volumes/"),
        Platform::Other => v.removable && v.mount_point != "/",
    }
}

/// What to call a drive under `platform`'s rules (see the module docs).
fn label_of(platform: Platform, v: &Volume) -> String {
    let name = v.name.trim();
    let folder = last_name(&v.mount_point);
    let label = match platform {
        Platform::Linux => folder,
        Platform::Windows | Platform::MacOs | Platform::Other if !name.is_empty() => name,
        Platform::Windows | Platform::MacOs | Platform::Other => folder,
    };
    if label.is_empty() {
        v.mount_point.clone()
    } else {
        label.to_owned()
    }
}

/// The drives among `volumes` under `platform`'s rules, each once (the first mount of a
/// mount point), in the system's order. Pure: `writable` is what the system says (not
/// mounted read-only) and the space is the listing's; [`list_drives`] adds the probe and
/// asks [`space`] for what is missing.
pub fn select(platform: Platform, volumes: &[Volume]) -> Vec<Drive> {
    let mut out: Vec<Drive> = Vec::new();
    for v in volumes {
        if v.mount_point.is_empty()
            || !is_drive(platform, v)
            || out.iter().any(|d| d.path == v.mount_point)
        {
            continue;
        }
        out.push(Drive {
            path: v.mount_point.clone(),
            label: label_of(platform, v),
            fs_type: v.fs_type.clone(),
            free_bytes: v.free_bytes,
            total_bytes: v.total_bytes,
            writable: !v.read_only,
        });
    }
    out
}

/// Free and total bytes of the file system holding `path` (`None` when the system does
/// not say: the path is gone, or on Windows a network share). Free is what this user may
/// use (`f_bavail`, as `df` says).
pub fn space(path: &Path) -> (Option<u64>, Option<u64>) {
    #[cfg(unix)]
    {
        match rustix::fs::statvfs(path) {
            Ok(s) => (
                Some(s.f_bavail.saturating_mul(s.f_frsize)),
                Some(s.f_blocks.saturating_mul(s.f_frsize)),
            ),
            Err(_) => (None, None),
        }
    }
    #[cfg(not(unix))]
    {
        space_on(path, &sysinfo_volumes())
    }
}

/// Windows: the space of the volume whose mount point holds `path` (the longest one that
/// does: a folder mount inside `C:\`), drive letters and names compared without case and
/// `/` taken as `\`.
#[cfg(any(not(unix), test))]
fn space_on(path: &Path, volumes: &[Volume]) -> (Option<u64>, Option<u64>) {
    let norm = |s: &str| {
        let s = s.strip_prefix(r"\\?\").unwrap_or(s);
        s.replace('/', "\\").to_lowercase()
    };
    let path = norm(&path.to_string_lossy());
    volumes
        .iter()
        .filter(|v| v.total_bytes.is_some())
        .map(|v| (v, norm(&v.mount_point)))
        .filter(|(_, m)| {
            let m = m.trim_end_matches('\\');
            !m.is_empty()
                && path.starts_with(m)
                && matches!(path.as_bytes().get(m.len()), None | Some(b'\\'))
        })
        .max_by_key(|(_, m)| m.trim_end_matches('\\').len())
        .map(|(v, _)| (v.free_bytes, v.total_bytes))
        .unwrap_or((None, None))
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
    select(Platform::CURRENT, &system_volumes())
        .into_iter()
        .filter_map(|mut d| {
            let point = PathBuf::from(&d.path);
            if !point.is_dir() {
                return None;
            }
            if d.free_bytes.is_none() || d.total_bytes.is_none() {
                (d.free_bytes, d.total_bytes) = space(&point);
            }
            d.writable = d.writable && writable(&point);
            Some(d)
        })
        .collect()
}

/// The `.labinov` files at the top of each of `roots` (drives) and one folder down (an
/// export folder), newest first; at most 200. Unreadable folders are skipped: this only
/// offers files to pick, the import checks them.
pub fn find_bundles(roots: &[(String, PathBuf)]) -> Vec<FoundBundle> {
    let mut out = Vec::new();
    let is_bundle = |p: &Path| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case(crate::BUNDLE_EXTENSION))
    };
    for (label, root) in roots {
        let mut dirs = vec![root.clone()];
        if let Ok(entries) = std::fs::read_dir(root) {
            for e in entries.flatten().take(500) {
                if e.file_type().is_ok_and(|t| t.is_dir()) {
                    dirs.push(e.path());
                }
            }
        }
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.flatten().take(500) {
                let p = e.path();
                let Ok(meta) = e.metadata() else { continue };
                if !meta.is_file() || !is_bundle(&p) || out.len() >= 200 {
                    continue;
                }
                out.push(FoundBundle {
                    path: p.display().to_string(),
                    name: e.file_name().to_string_lossy().into_owned(),
                    drive: label.clone(),
                    size: meta.len(),
                    modified_at: meta
                        .modified()
                        .ok()
                        .map(|t| {
                            chrono::DateTime::<chrono::Utc>::from(t)
                                .format("%Y-%m-%dT%H:%M:%S%.3fZ")
                                .to_string()
                        })
                        .unwrap_or_default(),
                });
            }
        }
    }
    out.sort_by(|a, b| b.modified_at.cmp(&a.modified_at).then(a.path.cmp(&b.path)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vol(point: &str, fs: &str, removable: bool) -> Volume {
        Volume {
            mount_point: point.into(),
            fs_type: fs.into(),
            removable,
            ..Volume::default()
        }
    }

    fn paths(drives: &[Drive]) -> Vec<&str> {
        drives.iter().map(|d| d.path.as_str()).collect()
    }

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
        // A path that is not there has no space, rather than a made-up one.
        assert_eq!(space(&dir.path().join("gone")), (None, None));
    }

    #[test]
    fn statvfs_says_what_df_says() {
        // `space` used to run `df -P -k`; its numbers must not change meaning. df rounds
        // to KiB (totals up), and the free space moves while other tests write.
        let dir = tempfile::tempdir().unwrap();
        let Ok(out) = std::process::Command::new("df")
            .args(["-P", "-k", "--"])
            .arg(dir.path())
            .output()
        else {
            return; // no df here: nothing to compare with
        };
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let f: Vec<u64> = text
            .lines()
            .nth(1)
            .unwrap()
            .split_whitespace()
            .filter_map(|s| s.parse().ok())
            .collect();
        let (df_total, df_free) = (f[0] * 1024, f[2] * 1024);
        let (free, total) = space(dir.path());
        assert!(
            total.unwrap().abs_diff(df_total) < 1024,
            "{total:?} vs {text}"
        );
        assert!(
            free.unwrap().abs_diff(df_free) < 256 << 20,
            "{free:?} vs {text}"
        );
    }

    #[test]
    fn pseudo_file_systems_and_the_root_are_never_drives() {
        let mounts = parse_mounts("proc /proc proc rw 0 0\n/dev/sda1 / ext4 rw 0 0\n");
        let volumes = volumes_from_mounts(&mounts, |_| true);
        assert!(!volumes[0].removable, "a pseudo file system is never asked");
        assert!(select(Platform::Linux, &volumes).is_empty());
    }

    #[test]
    fn linux_picks_removable_devices_and_mounts_under_media_run_media_and_mnt() {
        let mounts = parse_mounts(
            "/dev/sda2 / ext4 rw 0 0\n\
             /dev/sda3 /home ext4 rw 0 0\n\
             /dev/sdb1 /media/budi/FLASH\\040DISK vfat rw,nosuid 0 0\n\
             /dev/sdc1 /srv/kartu exfat ro 0 0\n\
             fusefat /mnt/tmp.x1/stick fuse.fusefat rw 0 0\n\
             /dev/loop3 /run/media/budi/EXFAT fuseblk rw 0 0\n\
             tmpfs /media/ram tmpfs rw 0 0\n\
             /dev/sdb1 /media/budi/FLASH\\040DISK vfat rw 0 0\n\
             /dev/sda4 /mnt ext4 rw 0 0\n",
        );
        // sdb and sdc say removable in sysfs; sda and the loop device do not.
        let volumes = volumes_from_mounts(&mounts, |dev| {
            dev.starts_with("/dev/sdb") || dev.starts_with("/dev/sdc")
        });
        let drives = select(Platform::Linux, &volumes);
        assert_eq!(
            paths(&drives),
            [
                "/media/budi/FLASH DISK",
                "/srv/kartu",
                "/mnt/tmp.x1/stick",
                "/run/media/budi/EXFAT",
            ],
            "a removable device anywhere, FUSE mounts (no device) by place, each once"
        );
        let labels: Vec<&str> = drives.iter().map(|d| d.label.as_str()).collect();
        assert_eq!(labels, ["FLASH DISK", "kartu", "stick", "EXFAT"]);
        assert_eq!(drives[2].fs_type, "fuse.fusefat");
        assert!(
            drives[0].writable && !drives[1].writable,
            "ro mounts are read-only"
        );
        assert!(
            drives.iter().all(|d| d.free_bytes.is_none()),
            "space is asked later"
        );
    }

    #[test]
    fn windows_offers_removable_volumes_by_name_or_drive_letter() {
        let gib = 1u64 << 30;
        let volumes = [
            Volume {
                name: "Windows".into(),
                free_bytes: Some(100 * gib),
                total_bytes: Some(250 * gib),
                ..vol(r"C:\", "NTFS", false)
            },
            Volume {
                name: "KINGSTON".into(),
                free_bytes: Some(3 * gib),
                total_bytes: Some(15 * gib),
                ..vol(r"E:\", "FAT32", true)
            },
            vol(r"F:\", "exFAT", true),
            Volume {
                name: " SD CARD ".into(),
                read_only: true,
                ..vol(r"G:\", "FAT32", true)
            },
            vol(r"C:\Kartu\", "FAT32", true),
            // A USB hard disk Windows calls fixed: the user picks its folder instead.
            vol(r"H:\", "NTFS", false),
        ];
        let drives = select(Platform::Windows, &volumes);
        assert_eq!(paths(&drives), [r"E:\", r"F:\", r"G:\", r"C:\Kartu\"]);
        let labels: Vec<&str> = drives.iter().map(|d| d.label.as_str()).collect();
        assert_eq!(labels, ["KINGSTON", "F:", "SD CARD", "Kartu"]);
        assert_eq!(drives[0].fs_type, "FAT32");
        assert_eq!(
            (drives[0].free_bytes, drives[0].total_bytes),
            (Some(3 * gib), Some(15 * gib)),
            "the listing's space is kept"
        );
        assert!(
            drives[0].writable && !drives[2].writable,
            "a locked SD card"
        );
    }

    #[test]
    fn macos_offers_removable_volumes_under_volumes() {
        let volumes = [
            Volume {
                name: "Macintosh HD".into(),
                ..vol("/", "apfs", false)
            },
            Volume {
                name: "Data".into(),
                ..vol("/System/Volumes/Data", "apfs", false)
            },
            Volume {
                name: "Cadangan".into(),
                ..vol("/Volumes/Cadangan", "apfs", false)
            },
            Volume {
                name: "FLASHDISK".into(),
                ..vol("/Volumes/FLASHDISK", "msdos", true)
            },
            vol("/Volumes/Untitled 1", "exfat", true),
            Volume {
                name: "Elsewhere".into(),
                ..vol("/private/tmp/mnt", "msdos", true)
            },
        ];
        let drives = select(Platform::MacOs, &volumes);
        assert_eq!(
            paths(&drives),
            ["/Volumes/FLASHDISK", "/Volumes/Untitled 1"]
        );
        let labels: Vec<&str> = drives.iter().map(|d| d.label.as_str()).collect();
        assert_eq!(labels, ["FLASHDISK", "Untitled 1"]);
    }

    #[test]
    fn other_systems_offer_removable_volumes_but_never_the_root() {
        let volumes = [
            vol("/", "ufs", true),
            vol("/home", "ufs", false),
            Volume {
                name: "STICK".into(),
                ..vol("/media/da0s1", "msdosfs", true)
            },
        ];
        let drives = select(Platform::Other, &volumes);
        assert_eq!(paths(&drives), ["/media/da0s1"]);
        assert_eq!(drives[0].label, "STICK");
    }

    #[test]
    fn labels_fall_back_to_the_last_name_of_the_mount_point() {
        assert_eq!(last_name("/media/budi/STICK"), "STICK");
        assert_eq!(last_name("/media/budi/STICK/"), "STICK");
        assert_eq!(last_name(r"E:\"), "E:");
        assert_eq!(last_name(r"C:\Kartu\"), "Kartu");
        // A mount point with no name at all is called by itself.
        assert_eq!(label_of(Platform::Windows, &vol(r"\", "FAT32", true)), r"\");
    }

    #[test]
    fn windows_space_is_the_volume_holding_the_folder() {
        let volumes = [
            Volume {
                free_bytes: Some(10),
                total_bytes: Some(100),
                ..vol(r"C:\", "NTFS", false)
            },
            Volume {
                free_bytes: Some(1),
                total_bytes: Some(2),
                ..vol(r"C:\Kartu\", "FAT32", true)
            },
            Volume {
                free_bytes: Some(5),
                total_bytes: Some(8),
                ..vol(r"E:\", "FAT32", true)
            },
            // Listed without space: never a match.
            vol(r"F:\", "FAT32", true),
        ];
        let at = |p: &str| space_on(Path::new(p), &volumes);
        assert_eq!(at(r"e:\Labinov-lab-2026"), (Some(5), Some(8)), "no case");
        assert_eq!(at(r"E:\"), (Some(5), Some(8)));
        assert_eq!(at("E:"), (Some(5), Some(8)));
        assert_eq!(at(r"\\?\E:\Labinov"), (Some(5), Some(8)), "verbatim paths");
        assert_eq!(at("E:/Labinov"), (Some(5), Some(8)), "slashes");
        assert_eq!(at(r"C:\Kartu\x"), (Some(1), Some(2)), "the longest mount");
        assert_eq!(
            at(r"C:\Kartu2\x"),
            (Some(10), Some(100)),
            "whole names only"
        );
        assert_eq!(at(r"F:\x"), (None, None));
        assert_eq!(at(r"\\server\share\x"), (None, None));
    }

    #[test]
    fn the_sysinfo_reading_of_windows_and_macos_runs_here_too() {
        // Linux lists drives from /proc/self/mounts, but the sysinfo reading Windows and
        // macOS use is the same code on every system: it runs and fills what it can.
        let volumes = sysinfo_volumes();
        assert!(
            !volumes.is_empty(),
            "sysinfo lists the mounts of this machine"
        );
        assert!(volumes.iter().all(|v| v.mount_point.starts_with('/')));
        assert!(volumes
            .iter()
            .all(|v| v.free_bytes.is_some() == v.total_bytes.is_some()));
        // And the whole listing of this system runs (no stick is expected here; the
        // FUSE tests may mount and unmount images under /mnt meanwhile).
        assert!(list_drives().iter().all(|d| !d.label.is_empty()));
    }

    #[test]
    fn bundles_are_found_on_a_drive_and_in_its_export_folders() {
        let root = tempfile::tempdir().unwrap();
        let stick = root.path().join("FLASHDISK");
        std::fs::create_dir_all(stick.join("Labinov-lab-2026-11-28-1530/sub")).unwrap();
        std::fs::write(stick.join("top.labinov"), b"x").unwrap();
        std::fs::write(stick.join("Labinov-lab-2026-11-28-1530/lab.LABINOV"), b"xy").unwrap();
        std::fs::write(
            stick.join("Labinov-lab-2026-11-28-1530/laporan.html"),
            b"<p>",
        )
        .unwrap();
        std::fs::write(
            stick.join("Labinov-lab-2026-11-28-1530/sub/deep.labinov"),
            b"z",
        )
        .unwrap();
        let found = crate::find_bundles(&[
            ("FLASHDISK".into(), stick.clone()),
            ("gone".into(), root.path().join("nowhere")),
        ]);
        let mut names: Vec<&str> = found.iter().map(|f| f.name.as_str()).collect();
        names.sort();
        assert_eq!(
            names,
            ["lab.LABINOV", "top.labinov"],
            "two levels, bundles only"
        );
        assert!(found
            .iter()
            .all(|f| f.drive == "FLASHDISK" && !f.modified_at.is_empty()));
        assert_eq!(
            found.iter().find(|f| f.name == "lab.LABINOV").unwrap().size,
            2
        );
    }
}
