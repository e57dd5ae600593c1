/// What the run loop draws into and pushes to the glass, whichever path drives the panel: `Display` sends DBI
/// commands and pixels over a transport (the userspace path, traces, the simulator); `FramebufferDisplay` writes
/// pixels into the framebuffer of the kernel's panel-mipi-dbi driver (the kernel path). One owner, one thread.
public protocol DisplaySurface: AnyObject {
    /// The picture at the logical (rotated) size; drawing marks its damage.
    var framebuffer: Framebuffer { get set }
    /// Readies the panel; the next `update()` sends the whole frame.
    func initialize() throws(DisplayError)
    /// Sends what changed since the last update and returns what it cost.
    @discardableResult
    func update() throws(DisplayError) -> UpdateStatistics
    /// Brightness in [0, 1].
    func setBacklight(_ level: Double) throws(DisplayError)
    /// Leaves the panel dark and idle at shutdown.
    func sleep() throws(DisplayError)
}

extension Display: DisplaySurface {}
