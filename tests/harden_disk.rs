//! Issue 12 item 13 on a real full disk: a small tmpfs, filled. Needs root (to mount); CI
//! runs as root. Elsewhere the test is skipped with a message saying why.
mod common;
use common::pty::Session;
use nianbao::model::Report;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A mounted tmpfs of 512 KiB, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(at: &Path) -> Option<Tmpfs> {
        std::fs::create_dir_all(at).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=512k,mode=0755", "tmpfs"])
            .arg(at)
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(at.to_path_buf()))
    }

    /// Writes a file until the disk is full.
    fn fill(&self) {
        let mut f = std::fs::File::create(self.0.join("filler")).unwrap();
        let block = vec![b'x'; 4096];
        while f.write_all(&block).is_ok() {}
        let _ = f.sync_all();
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn on_a_full_disk_the_clerk_is_told_and_can_save_elsewhere() {
    // SAFETY: geteuid cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("SKIPPED: the full-disk test mounts a tmpfs, which needs root");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = Tmpfs::mount(&dir.path().join("disk")) else {
        eprintln!("SKIPPED: mount -t tmpfs is not allowed here");
        return;
    };
    let report = disk.0.join("r.yaml");
    std::fs::write(&report, nianbao::yaml::to_yaml(&Report::new("甲", 2024))).unwrap();
    disk.fill();
    let elsewhere = dir.path().join("tmp");
    std::fs::create_dir(&elsewhere).unwrap();
    let mut s = Session::spawn_in(
        &disk.0,
        &["edit", "r.yaml"],
        &[
            ("TMPDIR", elsewhere.to_str().unwrap()),
            ("NIANBAO_TEST_DRAFT_DELAY_MS", "50"),
        ],
    );
    s.wait_for("机关名称");
    s.send("乙");
    // The draft cannot be written: the disk is full, not "not writable".
    s.wait_for("磁盘已满");
    assert!(!s.screen().contains("不可写"), "{}", s.screen());
    // It keeps saying so after the next key.
    s.send("丙");
    s.wait_for("甲乙丙");
    s.wait_for("草稿未能写入：磁盘已满");
    s.send("\x11"); // Ctrl-Q
    s.wait_for("现在退出会丢失");
    s.wait_for("a 另存到临时文件夹");
    s.send("a");
    s.wait_for("已另存为");
    let copies: Vec<_> = std::fs::read_dir(&elsewhere)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(
        nianbao::yaml::load_file(&copies[0]).unwrap().report.agency,
        "甲乙丙"
    );
    s.send("\x11");
    s.wait_for("现在退出会丢失");
    s.send("y");
    s.wait_exit();
    // No 0-byte lock left behind.
    assert!(
        !disk.0.join(".r.yaml.lock").exists(),
        "lock left on the full disk"
    );
    assert_eq!(
        nianbao::yaml::load_file(&report).unwrap().report.agency,
        "甲",
        "the report is as it was"
    );
}
