import CAnimaVersion

/// The build's version, shared by `anima --version`, `governance-host --version` and the governance client's
/// User-Agent. Set at build time from `git describe` (scripts/version.sh); "0.1.0-dev" when built without it.
public enum AnimaVersion {
    public static let string: String = String(cString: anima_version())

    /// The CPU this binary was compiled for, as `uname -m` names it on Linux.
    public static let architecture: String = {
        #if arch(arm64)
            return "aarch64"
        #elseif arch(x86_64)
            return "x86_64"
        #elseif arch(arm)
            return "armv7l"
        #else
            return "unknown"
        #endif
    }()

    /// `anima/<version> (<arch>)`: lets the governance host tell device builds apart in its logs.
    public static let userAgent: String = "anima/\(string) (\(architecture))"
}
