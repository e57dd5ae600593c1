import ArgumentParser

/// The options `anima run`, `anima config show`, `anima status` and `anima sync` share. Each overrides the configuration
/// file and the `ANIMA_*` environment (see `anima config show` for where every value came from).
struct RuntimeOptions: ParsableArguments {
    @Option(help: "Configuration file (default /etc/anima/anima.toml or $ANIMA_CONFIG).")
    var config: String?

    @Option(help: "Board or HAT name (`anima boards` lists them).")
    var board: String?

    @Option(help: "Rotation in degrees clockwise: 0, 90, 180 or 270.")
    var rotation: Int?

    @Option(help: "Extra directory of board files.")
    var boardsDir: String?

    @Option(help: "Directory for anima.db, the canvas, drawings and status.json.")
    var dataDir: String?

    @Option(help: "Display transport: hardware | trace:FILE | virtual | simulator[:DIR].")
    var transport: String?

    @Option(help: "Frames per second of the loop.")
    var fps: Double?

    @Option(help: "Era: rotate (a new era after each finished drawing, the default) or one to pin: gestural, pointillist, field, geometric.")
    var era: String?

    @Option(help: "Anima source: system, or four numbers warmth,clarity,stability,presence.")
    var anima: String?

    @Option(help: "Governance host base URL, e.g. http://host:8767.")
    var governanceURL: String?

    @Option(help: "File holding the device token (mode 0600).")
    var tokenFile: String?

    @Option(help: "Seconds between governance summaries (≥ 30).")
    var governanceInterval: Double?

    @Option(help: "PEM file of the CA that signed the governance host's certificate (a fleet's own CA); default: the system CA store.")
    var governanceCAFile: String?

    /// The flags that were given, keyed like the configuration file.
    var flags: [String: String] {
        var flags: [String: String] = [:]
        flags["board"] = board
        flags["rotation"] = rotation.map(String.init)
        flags["boards_dir"] = boardsDir
        flags["data_dir"] = dataDir
        flags["transport"] = transport
        flags["fps"] = fps.map { String($0) }
        flags["era"] = era
        flags["anima_source"] = anima
        flags["governance.url"] = governanceURL
        flags["governance.token_file"] = tokenFile
        flags["governance.interval"] = governanceInterval.map { String($0) }
        flags["governance.ca_file"] = governanceCAFile
        return flags
    }
}

/// Just where the creature lives, for commands that only read it (`anima status`, `anima history`): the configuration
/// file and the data directory, nothing about drawing.
struct DataLocationOptions: ParsableArguments {
    @Option(help: "Configuration file (default /etc/anima/anima.toml or $ANIMA_CONFIG).")
    var config: String?

    @Option(help: "Directory of anima.db and status.json (default: the configuration's data_dir, /var/lib/anima).")
    var dataDir: String?

    var flags: [String: String] {
        var flags: [String: String] = [:]
        flags["data_dir"] = dataDir
        return flags
    }
}
