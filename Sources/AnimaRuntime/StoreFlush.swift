/// How often a running creature writes what is not urgent: the state_history rows sampled every 30 s, the identity's
/// heartbeat, the canvas (as a journal line, `CanvasStorage`) and status.json, all in one burst. An SD card's cost is
/// set less by the bytes than by how often anything is written: each ext4 commit (every 5 s while anything is dirty)
/// writes its journal blocks, so writes spread over every few seconds cost ~0.5 GB a day where one burst a minute
/// costs a tenth (docs/performance.md, "SD card writes"). The price is the durability window: a crash or power cut
/// loses at most the last `interval` seconds of state rows, alive time and canvas marks (docs/storage.md). Timed on the
/// run clock, so a virtual run (`--clock-step`) flushes every 60 simulated seconds.
enum StoreFlush {
    static let interval: Double = 60
}
