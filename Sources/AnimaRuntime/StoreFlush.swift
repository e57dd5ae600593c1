/// How often a running creature writes what is not urgent, all in one burst: the drawing_history snapshots (every 10
/// marks), the state_history rows sampled every 30 s, the identity's heartbeat, the canvas (a journal line,
/// `CanvasStorage`) and status.json. An SD card's cost is set less by the bytes than by how often anything is written:
/// every SQLite commit writes whole 4 KiB pages to the WAL, and every ext4 commit (each 5 s while anything is dirty)
/// writes its journal blocks, so writes spread over every few seconds cost ~0.5 GB a day (docs/performance.md, "SD card
/// writes"). The price is the durability window: a crash or power cut loses at most the last `interval` seconds of
/// history, state rows, alive time and canvas marks, consistently (docs/storage.md, "Durability"). Timed on the run
/// clock, so a virtual run (`--clock-step`) flushes every 300 simulated seconds.
enum StoreFlush {
    static let interval: Double = 300
}
