//! Phase timings for profiling: with `QUIRE_TIMINGS=1` in the environment, each phase wrapped in
//! [`phase`] prints its wall-clock time to stderr when it ends. Off (one relaxed atomic load per
//! phase) otherwise. For looking into a build, not for asserting speed: that is the benchmark's
//! job (`bench/run`).

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("QUIRE_TIMINGS").is_some_and(|v| v != "0"))
}

/// With timings on, prints the time since `started` under `name` (for a phase that is not one
/// closure).
pub fn report(name: &str, started: Instant) {
    if enabled() {
        eprintln!(
            "quire timing: {name:<28} {:8.3} ms",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// Runs `f`, and with timings on, prints how long it took under `name`.
pub fn phase<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let started = Instant::now();
    let out = f();
    report(name, started);
    out
}
