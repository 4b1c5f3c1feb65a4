//! A dropped SSH link loses nothing (issue 5), end to end: an sshd on 127.0.0.1 with a
//! throwaway host key and user key, the wizard run through `ssh -tt` inside tmux, the first
//! values of a report typed, the ssh client killed with SIGKILL. The remote wizard must exit
//! and its draft must hold every typed value; a second run recovers the draft and saves it.
//!
//! Needs sshd, ssh, ssh-keygen and tmux. `.ci/run` installs them; a missing tool fails the
//! test with what to install (nothing is skipped silently).

mod common;
use common::process::alive;

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Generous: CI machines are busy. Waits end as soon as their condition holds.
const TIMEOUT: Duration = Duration::from_secs(30);

fn find_tool(name: &str) -> Option<PathBuf> {
    for dir in [
        "/usr/sbin",
        "/usr/bin",
        "/usr/local/sbin",
        "/usr/local/bin",
        "/sbin",
        "/bin",
    ] {
        let p = Path::new(dir).join(name);
        if p.exists() {
            return Some(p);
        }
    }
    None
}

/// The tools; panics with what to install when one is missing.
fn tools() -> (PathBuf, PathBuf, PathBuf, PathBuf) {
    let found = (
        find_tool("sshd"),
        find_tool("ssh"),
        find_tool("ssh-keygen"),
        find_tool("tmux"),
    );
    match found {
        (Some(a), Some(b), Some(c), Some(d)) => (a, b, c, d),
        missing => panic!(
            "this test needs sshd, ssh, ssh-keygen and tmux (Debian packages openssh-server, openssh-client, tmux; .ci/run installs them); found {missing:?}"
        ),
    }
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn wait_until(what: &str, mut cond: impl FnMut() -> bool, detail: impl Fn() -> String) {
    let start = Instant::now();
    while start.elapsed() < TIMEOUT {
        if cond() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{what} did not happen in {TIMEOUT:?}\n{}", detail());
}

/// The sshd, stopped by its pid when dropped (also when the test fails).
struct Sshd {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Drop for Sshd {
    fn drop(&mut self) {
        // SAFETY: kill with our own child's pid.
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGTERM);
        }
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

fn start_sshd(sshd: &Path, keygen: &Path, dir: &Path) -> Sshd {
    let _ = std::fs::create_dir_all("/run/sshd");
    for key in ["host_key", "user_key"] {
        run(Command::new(keygen)
            .args(["-q", "-t", "ed25519", "-N", "", "-C", "nianbao-test", "-f"])
            .arg(dir.join(key)));
    }
    std::fs::copy(dir.join("user_key.pub"), dir.join("authorized_keys")).unwrap();
    let log = dir.join("sshd.log");
    for _attempt in 0..5 {
        let port = free_port();
        let config = dir.join("sshd_config");
        std::fs::write(
            &config,
            format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/host_key\nPidFile {d}/sshd.pid\n\
                 AuthorizedKeysFile {d}/authorized_keys\nPubkeyAuthentication yes\n\
                 PasswordAuthentication no\nKbdInteractiveAuthentication no\n\
                 PermitRootLogin prohibit-password\nUsePAM no\nStrictModes no\nPrintMotd no\n\
                 PrintLastLog no\nUseDNS no\nLogLevel VERBOSE\n",
                d = dir.display()
            ),
        )
        .unwrap();
        let child = Command::new(sshd)
            .args(["-D", "-e", "-f"])
            .arg(&config)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("start sshd");
        let mut s = Sshd {
            child,
            port,
            log: log.clone(),
        };
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return s;
            }
            if let Ok(Some(_)) = s.child.try_wait() {
                break; // port taken meanwhile: try another
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        drop(s);
    }
    panic!(
        "sshd did not start:\n{}",
        std::fs::read_to_string(&log).unwrap_or_default()
    );
}

/// A tmux server of our own (its own socket), killed when dropped.
struct Tmux {
    bin: PathBuf,
    socket: String,
}

impl Tmux {
    fn cmd(&self) -> Command {
        let mut c = Command::new(&self.bin);
        c.args(["-L", &self.socket]).env("LANG", "C.UTF-8");
        c
    }

    /// Starts `script` in a new 80x24 session `name`.
    fn start(&self, name: &str, script: &Path) {
        run(self
            .cmd()
            .args([
                "-u",
                "new-session",
                "-d",
                "-s",
                name,
                "-x",
                "80",
                "-y",
                "24",
            ])
            .arg(format!("exec sh {}", script.display())));
    }

    fn screen(&self, name: &str) -> String {
        self.cmd()
            .args(["capture-pane", "-p", "-t", name])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default()
    }

    fn wait_for(&self, name: &str, needle: &str) {
        wait_until(
            &format!("screen showing {needle:?}"),
            || self.screen(name).contains(needle),
            || self.screen(name),
        );
    }

    fn keys(&self, name: &str, keys: &[&str]) {
        run(self.cmd().args(["send-keys", "-t", name]).args(keys));
    }

    fn type_text(&self, name: &str, text: &str) {
        run(self.cmd().args(["send-keys", "-t", name, "-l", text]));
    }

    fn pane_pid(&self, name: &str) -> u32 {
        run(self
            .cmd()
            .args(["display-message", "-p", "-t", name, "#{pane_pid}"]))
        .trim()
        .parse()
        .expect("pane pid")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").output();
    }
}

fn user() -> String {
    run(Command::new("id").arg("-un")).trim().to_string()
}

/// Writes the client script: `ssh -tt` to our sshd running the wizard in `dir`, the remote
/// shell's pid (the wizard's, after `exec`) written to `pidfile`.
fn client_script(dir: &Path, ssh: &Path, sshd: &Sshd, name: &str, pidfile: &str) -> PathBuf {
    let bin = env!("CARGO_BIN_EXE_nianbao");
    let work = dir.join("work");
    let remote = format!(
        "cd {w} && echo $$ > {d}/{pidfile} && exec env TERM=xterm-256color LANG=C.UTF-8 \
         XDG_STATE_HOME={d}/state NIANBAO_TEST_DRAFT_DELAY_MS=600000 {bin} new report.yaml",
        w = work.display(),
        d = dir.display(),
    );
    let script = dir.join(format!("{name}.sh"));
    let mut f = std::fs::File::create(&script).unwrap();
    writeln!(
        f,
        "exec {ssh} -tt -p {port} -i {d}/user_key -o StrictHostKeyChecking=no \
         -o UserKnownHostsFile=/dev/null -o GlobalKnownHostsFile=/dev/null -o LogLevel=ERROR \
         -o BatchMode=yes -o IdentitiesOnly=yes -o ServerAliveInterval=0 {user}@127.0.0.1 '{remote}'",
        ssh = ssh.display(),
        port = sshd.port,
        d = dir.display(),
        user = user(),
    )
    .unwrap();
    script
}

fn read_pid(path: &Path) -> u32 {
    wait_until(
        "remote pid file",
        || std::fs::read_to_string(path).is_ok_and(|s| s.trim().parse::<u32>().is_ok()),
        || format!("{} missing", path.display()),
    );
    std::fs::read_to_string(path)
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn a_dropped_ssh_link_loses_nothing() {
    let (sshd_bin, ssh, keygen, tmux_bin) = tools();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::create_dir(d.join("work")).unwrap();
    let sshd = start_sshd(&sshd_bin, &keygen, d);
    let tmux = Tmux {
        bin: tmux_bin,
        socket: format!("nianbao-ssh-{}", std::process::id()),
    };
    let log = || {
        format!(
            "sshd log:\n{}",
            std::fs::read_to_string(&sshd.log).unwrap_or_default()
        )
    };

    // First session: type the first values of a report.
    let script = client_script(d, &ssh, &sshd, "first", "first.pid");
    tmux.start("first", &script);
    let remote = read_pid(&d.join("first.pid"));
    let screen = |name: &str| format!("{}\n{}", tmux.screen(name), log());
    wait_until(
        "the wizard",
        || tmux.screen("first").contains("机关名称"),
        || screen("first"),
    );
    tmux.type_text("first", "淮安市人民政府");
    tmux.wait_for("first", "淮安市人民政府");
    tmux.keys("first", &["Tab"]);
    tmux.type_text("first", "2023");
    wait_until(
        "the year typed",
        || {
            tmux.screen("first")
                .lines()
                .any(|l| l.contains("年份") && l.contains("2023"))
        },
        || screen("first"),
    );
    tmux.keys("first", &["PageDown", "PageDown", "PageDown"]);
    tmux.wait_for("first", "三、收到和处理政府信息公开申请情况");
    tmux.type_text("first", "12");
    tmux.keys("first", &["Tab"]);
    tmux.type_text("first", "3");
    tmux.keys("first", &["Tab"]);
    tmux.type_text("first", "5");
    // The row total shows once the last number is in the report.
    wait_until(
        "the numbers typed",
        || {
            tmux.screen("first").lines().any(|l| {
                let nums: Vec<&str> = l
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|s| !s.is_empty())
                    .collect();
                l.contains("一、本年新收") && nums == ["12", "3", "5", "0", "0", "0", "20"]
            })
        },
        || screen("first"),
    );
    let draft = d.join("work/.report.yaml.draft");
    assert!(
        !draft.exists(),
        "the draft timer is off: only the dropped link may write it"
    );

    // The link drops: the ssh client dies without a word.
    let client = tmux.pane_pid("first");
    // SAFETY: kill with the pid of the ssh client tmux started for us.
    assert_eq!(unsafe { libc::kill(client as i32, libc::SIGKILL) }, 0);
    wait_until(
        "the remote wizard's exit",
        || !alive(remote),
        || format!("pid {remote} still alive\n{}", log()),
    );

    // The draft holds every typed value.
    let loaded = nianbao::yaml::load_file(&draft).expect("the draft is a report");
    let r = &loaded.report;
    assert_eq!(r.agency, "淮安市人民政府");
    assert_eq!(r.year, 2023);
    assert_eq!(&r.requests.cells[0][..3], &[12, 3, 5]);
    assert_eq!(r.requests.cells[0][6], 20);
    let mode = std::fs::metadata(&draft).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let draft_text = std::fs::read_to_string(&draft).unwrap();

    // Second session: the draft is offered, recovered and saved.
    let script = client_script(d, &ssh, &sshd, "second", "second.pid");
    tmux.start("second", &script);
    let remote = read_pid(&d.join("second.pid"));
    wait_until(
        "the recovery prompt",
        || tmux.screen("second").contains("发现未保存的草稿"),
        || screen("second"),
    );
    let prompt = tmux.screen("second");
    assert!(prompt.contains("草稿中有 5 处已填写的内容"), "{prompt}");
    tmux.keys("second", &["y"]);
    // It opens where the clerk was (issue 13 item 11): table B, the third cell.
    tmux.wait_for("second", "[4 依申请]");
    tmux.wait_for("second", "一、本年新收政府信息公开申请数量 · 科研机构");
    tmux.keys("second", &["C-s"]);
    let saved = d.join("work/report.yaml");
    wait_until(
        "the save",
        || saved.exists() && !draft.exists(),
        || screen("second"),
    );
    // The draft is the report, after one comment line saying where the clerk was.
    let (position, report_text) = draft_text.split_once('\n').unwrap();
    assert!(
        position.starts_with(nianbao::persist::POSITION_PREFIX),
        "{position}"
    );
    assert_eq!(std::fs::read_to_string(&saved).unwrap(), report_text);
    // Leave: close the dialog about the report's errors if it is there, then quit.
    tmux.keys("second", &["Escape"]);
    tmux.keys("second", &["C-q"]);
    wait_until(
        "the wizard's exit after Ctrl-Q",
        || !alive(remote),
        || screen("second"),
    );
    assert!(!draft.exists());
    assert!(!d.join("work/.report.yaml.lock").exists());
    drop(tmux);
    drop(sshd);
}
