/// The spidev module's per-ioctl byte limit, read from sysfs. The kernel default is 4096; `spidev.bufsiz=65536` on
/// the kernel command line raises it and cuts the ioctls per 240×240 frame from 29 to 2.
public enum SpidevBufferSize {
    public static let sysfsPath = "/sys/module/spidev/parameters/bufsiz"
    /// What the kernel uses when the parameter is not set; assumed when the file cannot be read.
    public static let kernelDefault = 4096

    /// The value in `path`, or nil when the file is missing, unreadable or not a positive number.
    public static func read(from path: String = sysfsPath) -> Int? {
        guard case let .success(text) = PosixFiles.readText(path, limit: 64),
            let value = Int(PosixFiles.trimmed(text)), value > 0
        else { return nil }
        return value
    }

    /// The value in `path`, or the kernel default when it cannot be read.
    public static func current(from path: String = sysfsPath) -> Int {
        read(from: path) ?? kernelDefault
    }
}
