import AnimaRuntime
import ArgumentParser

/// Prints `error: …` to standard error and returns the exit status to throw, for failures after the arguments were
/// accepted (ArgumentParser's ValidationError is for malformed command lines and prints the usage too).
/// `status` follows sysexits.h where systemd should tell the difference: 64 (EX_USAGE) for a bad flag value, 78
/// (EX_CONFIG) for a bad configuration, which the unit lists in `RestartPreventExitStatus` — restarting cannot fix it —
/// and 75 (EX_TEMPFAIL) for a data directory another anima holds, which a later restart can.
func fail(_ message: String, status: FailureStatus = .failure) -> ExitCode {
    printError("error: \(message)")
    return ExitCode(status.rawValue)
}

enum FailureStatus: Int32 {
    case failure = 1
    case usage = 64
    /// EX_TEMPFAIL: another anima holds the data directory; systemd's restart tries again once it has gone.
    case temporary = 75
    case configuration = 78

    /// A configuration value that came from a command-line flag is a usage error; from a file or the environment, a
    /// configuration error.
    init(_ error: ConfigurationLoader.LoadError) {
        self = error.fromCommandLine ? .usage : .configuration
    }
}
