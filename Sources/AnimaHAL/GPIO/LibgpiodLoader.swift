import CAnimaGPIOD

/// Chooses the libgpiod backend at first use by which library loads, so one binary runs on Bookworm and Trixie.
///
/// v2 (libgpiod.so.3, Debian package libgpiod3) is tried first: it speaks the kernel's GPIO uAPI v2, while libgpiod
/// 1.6 uses uAPI v1, which the kernel marks deprecated (drivers/gpio/Kconfig, GPIO_CDEV_V1). Both can be installed
/// at once on a Pi upgraded from Bookworm to Trixie, where the old libgpiod2 lingers; the newer one wins there.
struct LibgpiodLoader: Sendable {
    static let v2Soname = "libgpiod.so.3"
    static let v1Soname = "libgpiod.so.2"
    static let install =
        "Install libgpiod: `sudo apt install libgpiod3` on Debian 13 / Raspberry Pi OS Trixie, "
        + "`sudo apt install libgpiod2` on Debian 12 / Bookworm."

    /// Binds the v2 calls from a soname, or says why not.
    var loadV2: @Sendable (String) -> Result<any LibgpiodV2Calls, LibgpiodLoadFailure>
    /// Binds the v1 calls from a soname, or says why not.
    var loadV1: @Sendable (String) -> Result<any LibgpiodV1Calls, LibgpiodLoadFailure>

    /// The real loader: dlopen + dlsym in the C shim.
    static let dynamic = LibgpiodLoader(
        loadV2: { soname in
            var message = [CChar](repeating: 0, count: 512)
            guard let api = anima_gpiod_load_v2(soname, &message, message.count) else {
                return .failure(LibgpiodLoadFailure(soname: soname, reason: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)))
            }
            return .success(BoundLibgpiodV2(api: api.pointee))
        },
        loadV1: { soname in
            var message = [CChar](repeating: 0, count: 512)
            guard let api = anima_gpiod_load_v1(soname, &message, message.count) else {
                return .failure(LibgpiodLoadFailure(soname: soname, reason: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)))
            }
            return .success(BoundLibgpiodV1(api: api.pointee))
        })

    /// The backend of the first library that loads (v2, then v1); if neither does, a backend whose every call
    /// fails with `.libraryMissing` naming both sonames and the packages.
    func backend() -> any GPIOBackend {
        let v2Failure: LibgpiodLoadFailure
        switch loadV2(Self.v2Soname) {
        case let .success(calls): return LibgpiodV2Backend(calls: calls)
        case let .failure(failure): v2Failure = failure
        }
        switch loadV1(Self.v1Soname) {
        case let .success(calls): return LibgpiodV1Backend(calls: calls)
        case let .failure(v1Failure):
            return UnavailableGPIOBackend(error: .libraryMissing(
                library: "libgpiod (\(Self.v2Soname) or \(Self.v1Soname))",
                detail: "\(v2Failure.soname): \(v2Failure.reason); \(v1Failure.soname): \(v1Failure.reason)",
                install: Self.install))
        }
    }
}

/// Why one soname did not load: dlopen's message, or the symbol that was missing.
struct LibgpiodLoadFailure: Error, Equatable {
    var soname: String
    var reason: String
}

/// Stands in when no libgpiod loaded: GPIO fails with the install advice; nothing else (the simulator) is affected.
struct UnavailableGPIOBackend: GPIOBackend {
    let error: HALError
    var unavailable: HALError? { error }

    func openChip(path: String) throws(HALError) -> any GPIOChipBackend { throw error }
}
