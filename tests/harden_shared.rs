//! Issue 12 items 1–4 through the real binary: a shared report folder where someone planted
//! links, FIFOs and locks; two users; saves to paths that are not regular files; a
//! read-only report.
//!
//! The two-user tests need a second uid: they run as root (as on CI) and start the second
//! user's `nianbao` as `nobody` (uid 65534, present on every Debian/Ubuntu system). Run as
//! another user they are skipped with a message saying so.
mod common;
use common::examples::write_report;
use common::process::{output_within, stderr};
use common::pty::Session;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");
const NOBODY: u32 = 65534;

fn is_root() -> bool {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() == 0 }
}

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o666) }, 0);
}

/// Runs nianbao with `args` in `dir`, stdin closed, and a deadline: a hang is a failure,
/// not a stuck test.
fn run_in(dir: &Path, args: &[&str], uid: Option<u32>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("HOME", dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(uid) = uid {
        cmd.uid(uid).gid(uid).env("USER", "nobody");
    }
    output_within(&mut cmd, Duration::from_secs(20), &format!("{args:?}"))
}

/// The wizard with the draft written 50 ms after a change.
fn spawn(dir: &Path, args: &[&str]) -> Session {
    Session::spawn_in(dir, args, &[("NIANBAO_TEST_DRAFT_DELAY_MS", "50")])
}

// ---- 1. drafts ----

#[test]
fn a_draft_path_planted_as_a_link_is_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    write_report(dir.path(), "r.yaml", "甲");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious\n").unwrap();
    std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::os::unix::fs::symlink(&victim, dir.path().join(".r.yaml.draft")).unwrap();
    let mut s = spawn(dir.path(), &["edit", "r.yaml"]);
    s.wait_for("机关名称");
    s.send("乙");
    // The draft is refused beside the report, said so, and written to the state folder.
    s.wait_for("是符号链接");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    let mode = std::fs::metadata(&victim).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644, "the link's target keeps its mode");
    assert!(std::fs::symlink_metadata(dir.path().join(".r.yaml.draft"))
        .unwrap()
        .file_type()
        .is_symlink());
    let drafts: Vec<_> = std::fs::read_dir(dir.path().join("state/nianbao"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".draft"))
        .collect();
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    s.send("\x11");
    s.wait_for("有未保存的修改");
    s.send("y");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
}

#[test]
fn a_draft_link_newer_than_the_report_is_not_offered() {
    let dir = tempfile::tempdir().unwrap();
    write_report(dir.path(), "r.yaml", "甲");
    std::thread::sleep(Duration::from_millis(20));
    // A "draft" that is a link to a report of someone else's choosing.
    let other = write_report(dir.path(), "other.yaml", "冒充的机关");
    std::os::unix::fs::symlink(&other, dir.path().join(".r.yaml.draft")).unwrap();
    let mut s = spawn(dir.path(), &["edit", "r.yaml"]);
    s.wait_for("机关名称");
    assert!(!s.screen().contains("发现未保存的草稿"), "{}", s.screen());
    s.send("\x11");
    assert_eq!(s.wait_exit(), 0);
}

// ---- 2. locks ----

#[test]
fn a_lock_path_planted_as_a_link_fifo_or_device_link_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    write_report(dir.path(), "r.yaml", "甲");
    let lock = dir.path().join(".r.yaml.lock");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious\n").unwrap();

    // A link to a file: never truncated, never rewritten.
    std::os::unix::fs::symlink(&victim, &lock).unwrap();
    let out = run_in(dir.path(), &["edit", "r.yaml"], None);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("它是符号链接，不是 nianbao 的锁文件"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    std::fs::remove_file(&lock).unwrap();

    // A dangling link: its target is not created.
    let target = dir.path().join("created-by-the-link");
    std::os::unix::fs::symlink(&target, &lock).unwrap();
    let out = run_in(dir.path(), &["edit", "r.yaml"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(!target.exists(), "a dangling lock link created its target");
    std::fs::remove_file(&lock).unwrap();

    // A link to /dev/zero: refused at once (not read without bound).
    std::os::unix::fs::symlink("/dev/zero", &lock).unwrap();
    let out = run_in(dir.path(), &["edit", "r.yaml"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("符号链接"), "{}", stderr(&out));
    std::fs::remove_file(&lock).unwrap();

    // A FIFO: no hang, a refusal.
    mkfifo(&lock);
    let out = run_in(dir.path(), &["edit", "r.yaml"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("它是FIFO（命名管道）"),
        "{}",
        stderr(&out)
    );
    assert!(std::fs::symlink_metadata(&lock)
        .unwrap()
        .file_type()
        .is_fifo());
}

#[test]
fn the_lock_mode_follows_the_reports_group_writability() {
    let dir = tempfile::tempdir().unwrap();
    let shared = write_report(dir.path(), "shared.yaml", "甲");
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o664)).unwrap();
    let private = write_report(dir.path(), "private.yaml", "甲");
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o644)).unwrap();
    let a = nianbao::persist::EditLock::acquire(&shared).unwrap();
    let b = nianbao::persist::EditLock::acquire(&private).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().mode() & 0o777;
    assert_eq!(mode(a.path()), 0o664);
    assert_eq!(mode(b.path()), 0o644);
}

// ---- 3. two users ----

/// A folder both root and `nobody` can write, as a shared report folder.
fn shared_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let state = dir.path().join("state");
    std::fs::create_dir(&state).unwrap();
    std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o777)).unwrap();
    dir
}

#[test]
fn a_second_user_is_refused_while_the_first_edits() {
    if !is_root() {
        eprintln!("SKIPPED: the two-user tests need root to start a second user (nobody)");
        return;
    }
    let dir = shared_folder();
    let report = write_report(dir.path(), "r.yaml", "甲");
    std::fs::set_permissions(&report, std::fs::Permissions::from_mode(0o666)).unwrap();
    // Root edits (this process holds the lock, 0644 as for a report that is not
    // group-writable... the report is 0666 here, so 0664: nobody is in neither group).
    let held = nianbao::persist::EditLock::acquire(&report).unwrap();
    let out = run_in(dir.path(), &["edit", "r.yaml"], Some(NOBODY));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("正在被另一个 nianbao 编辑"), "{err}");
    assert!(
        err.contains(&format!("进程 {}", std::process::id())),
        "{err}"
    );
    assert!(
        !dir.path().join("state/nianbao").exists()
            || std::fs::read_dir(dir.path().join("state/nianbao"))
                .unwrap()
                .next()
                .is_none(),
        "no private lock beside the first user's"
    );
    drop(held);
}

#[test]
fn a_lock_the_second_user_cannot_read_is_a_refusal_naming_its_owner() {
    if !is_root() {
        eprintln!("SKIPPED: the two-user tests need root to start a second user (nobody)");
        return;
    }
    let dir = shared_folder();
    write_report(dir.path(), "r.yaml", "甲");
    let lock = dir.path().join(".r.yaml.lock");
    // Root's lock, held (flock by this process), and readable by nobody else.
    let f = std::fs::File::create(&lock).unwrap();
    std::fs::set_permissions(&lock, std::fs::Permissions::from_mode(0o600)).unwrap();
    f.lock().unwrap();
    let out = run_in(dir.path(), &["edit", "r.yaml"], Some(NOBODY));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("属于用户 root（uid 0）"), "{err}");
    assert!(err.contains("你无法读取或接管它"), "{err}");
    drop(f);
}

#[test]
fn another_users_stale_lock_is_taken_over() {
    if !is_root() {
        eprintln!("SKIPPED: the two-user tests need root to start a second user (nobody)");
        return;
    }
    let dir = shared_folder();
    // Not a report: the editor stops after taking the lock, with the reader's message.
    std::fs::write(dir.path().join("r.yaml"), "agency: [1]\n").unwrap();
    std::fs::set_permissions(
        dir.path().join("r.yaml"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let lock = dir.path().join(".r.yaml.lock");
    std::fs::write(&lock, "pid: 999999\nhost: x\nuser: root\nstarted: 1\n").unwrap();
    std::fs::set_permissions(&lock, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = run_in(dir.path(), &["edit", "r.yaml"], Some(NOBODY));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(!err.contains("编辑锁"), "{err}");
    assert!(err.contains("类型不对"), "{err}");
    assert!(!lock.exists(), "the lock went with the editor");
}

// ---- 4. saves ----

fn import_input(dir: &Path) -> PathBuf {
    let src = format!(
        "{}/tests/import_data/hongze-2023.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let p = dir.join("in.txt");
    std::fs::copy(src, &p).unwrap();
    p
}

#[test]
fn import_never_replaces_a_fifo_or_a_device_and_streams_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    import_input(dir.path());
    let fifo = dir.path().join("fifo");
    mkfifo(&fifo);
    let out = run_in(dir.path(), &["import", "in.txt", "-o", "fifo"], None);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("是FIFO（命名管道），不是普通文件"),
        "{}",
        stderr(&out)
    );
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    if is_root() {
        // A copy of /dev/full's node (root may make device nodes): never replaced.
        let dev = dir.path().join("full");
        let c = std::ffi::CString::new(dev.to_str().unwrap()).unwrap();
        // SAFETY: a valid path; makedev(1, 7) is /dev/full.
        let made = unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 7)) };
        assert_eq!(made, 0);
        let out = run_in(dir.path(), &["import", "in.txt", "-o", "full"], None);
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("是设备文件"), "{}", stderr(&out));
        assert!(std::fs::symlink_metadata(&dev)
            .unwrap()
            .file_type()
            .is_char_device());
    }
    // `-` and /dev/stdout are the stream.
    for o in ["-", "/dev/stdout"] {
        let out = run_in(dir.path(), &["import", "in.txt", "-o", o], None);
        let yaml = String::from_utf8_lossy(&out.stdout);
        assert!(yaml.starts_with("format: 2021"), "{o}: {yaml}");
        assert!(!dir.path().join("-").exists());
    }
}

#[test]
fn a_read_only_report_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let p = write_report(dir.path(), "r.yaml", "甲");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read_to_string(&p).unwrap();
    let mut s = spawn(dir.path(), &["edit", "r.yaml"]);
    s.wait_for("机关名称");
    s.send("乙");
    s.send("\x13"); // Ctrl-S
    s.wait_for("是只读文件");
    s.send("n");
    s.wait_for("未保存：文件保持原样");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), before);
    s.send("\x13");
    s.wait_for("是只读文件");
    s.send("y");
    s.wait_for("已保存到");
    let after = nianbao::yaml::load_file(&p).unwrap().report;
    assert_eq!(after.agency, "甲乙");
    assert_eq!(std::fs::metadata(&p).unwrap().mode() & 0o777, 0o444);
    s.send("\x11");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn new_on_a_dangling_link_saves_where_the_link_points() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("2024")).unwrap();
    std::os::unix::fs::symlink("2024/r.yaml", dir.path().join("link.yaml")).unwrap();
    let mut s = spawn(dir.path(), &["new", "link.yaml"]);
    s.wait_for("机关名称");
    s.type_text("淮安市人民政府");
    s.wait_for("淮安市人民政府");
    s.send("\x13");
    s.wait_for("已保存到");
    let target = dir.path().join("2024/r.yaml");
    assert_eq!(
        nianbao::yaml::load_file(&target).unwrap().report.agency,
        "淮安市人民政府"
    );
    assert!(std::fs::symlink_metadata(dir.path().join("link.yaml"))
        .unwrap()
        .file_type()
        .is_symlink());
    s.send("\x11");
    let deadline = Instant::now() + Duration::from_secs(10);
    assert_eq!(s.wait_exit(), 0);
    assert!(Instant::now() < deadline);
}
