@testable import AnimaHAL
import CAnimaGPIOD
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Whether this machine has a library, asked of the dynamic loader itself (so the real-library tests run where it is:
/// libgpiod.so.2 on the Debian 12 build machine, libgpiod.so.3 in a Trixie root).
func systemHas(_ soname: String) -> Bool {
    guard let library = dlopen(soname, RTLD_NOW | RTLD_LOCAL) else { return false }
    dlclose(library)
    return true
}

/// Which libgpiod the binary binds, with fakes for the choice and the real dlopen for what this machine has
/// (Debian 12: libgpiod2 1.6.3, /usr/lib/x86_64-linux-gnu/libgpiod.so.2; no libgpiod.so.3).
@Suite("libgpiod loading: soname choice, dlopen, struct layout")
struct LibgpiodLoaderTests {
    static func loader(v2: Bool, v1: Bool, tried: Recorder? = nil) -> LibgpiodLoader {
        LibgpiodLoader(
            loadV2: { soname in
                tried?.append(soname)
                return v2 ? .success(RecordingLibgpiodV2()) : .failure(LibgpiodLoadFailure(soname: soname, reason: "no v2"))
            },
            loadV1: { soname in
                tried?.append(soname)
                return v1 ? .success(RecordingLibgpiodV1()) : .failure(LibgpiodLoadFailure(soname: soname, reason: "no v1"))
            })
    }

    final class Recorder: @unchecked Sendable {
        var sonames: [String] = []
        func append(_ soname: String) { sonames.append(soname) }
    }

    @Test func v2IsPreferredWhenBothArePresent() {
        let tried = Recorder()
        #expect(Self.loader(v2: true, v1: true, tried: tried).backend() is LibgpiodV2Backend)
        #expect(tried.sonames == ["libgpiod.so.3"])
    }

    @Test func v1IsUsedWhenOnlyItIsPresent() {
        let tried = Recorder()
        #expect(Self.loader(v2: false, v1: true, tried: tried).backend() is LibgpiodV1Backend)
        #expect(tried.sonames == ["libgpiod.so.3", "libgpiod.so.2"])
    }

    @Test func neitherPresentNamesBothSonamesAndBothPackages() throws {
        let backend = Self.loader(v2: false, v1: false).backend()
        let dev = try TemporaryDirectory()
        defer { dev.remove() }
        let error = halError { try GPIOChipLocator(devDirectory: dev.path, backend: backend).open(label: "pinctrl-bcm2835") }
        #expect(error == .libraryMissing(
            library: "libgpiod (libgpiod.so.3 or libgpiod.so.2)", detail: "libgpiod.so.3: no v2; libgpiod.so.2: no v1",
            install: LibgpiodLoader.install))
        let text = error?.description ?? ""
        #expect(text.contains("apt install libgpiod3") && text.contains("apt install libgpiod2"))
    }

    @Test(.enabled(if: systemHas("libgpiod.so.3")))
    func theRealV2LibraryBindsWhereInstalled() throws {
        guard case let .success(calls) = LibgpiodLoader.dynamic.loadV2("libgpiod.so.3") else {
            Issue.record("libgpiod.so.3 is installed; it must bind as v2")
            return
        }
        #expect(LibgpiodLoader.dynamic.backend() is LibgpiodV2Backend)
        let error = halError { try LibgpiodV2Backend(calls: calls).openChip(path: "/nonexistent/gpiochip9") }
        if case .deviceMissing = error {} else { Issue.record("expected deviceMissing, got \(String(describing: error))") }
    }

    @Test(.enabled(if: systemHas("libgpiod.so.2")))
    func theRealV1LibraryOfThisMachineBinds() throws {
        guard case let .success(calls) = LibgpiodLoader.dynamic.loadV1("libgpiod.so.2") else {
            Issue.record("libgpiod2 is installed here; libgpiod.so.2 must bind")
            return
        }
        // A real call through the bound table: a path that is no chip fails with errno, not a crash.
        #expect(throws: LibgpiodFailure.self) { try calls.chipOpen("/nonexistent/gpiochip9") }
        let error = halError { try LibgpiodV1Backend(calls: calls).openChip(path: "/nonexistent/gpiochip9") }
        if case .deviceMissing = error {} else { Issue.record("expected deviceMissing, got \(String(describing: error))") }
    }

    @Test(.enabled(if: systemHas("libgpiod.so.2")))
    func aV1LibraryIsNotMistakenForV2AndAMissingSonameSaysSo() {
        // libgpiod.so.2 exports no gpiod_chip_get_info (a v2 call), so binding it as v2 must fail by name.
        guard case let .failure(wrongAPI) = LibgpiodLoader.dynamic.loadV2("libgpiod.so.2") else {
            Issue.record("libgpiod 1.6 bound as v2")
            return
        }
        #expect(wrongAPI.reason.contains("gpiod_chip_get_info"))
        guard case let .failure(missing) = LibgpiodLoader.dynamic.loadV1("libgpiod.so.99-not-installed") else {
            Issue.record("a missing soname loaded")
            return
        }
        #expect(missing.reason.contains("libgpiod.so.99-not-installed"))
    }

    @Test func v1LineEventHasTheLibrarysLayout() {
        // libgpiod 1.6.3 gpiod.h: struct gpiod_line_event { struct timespec ts; int event_type; } — 24 bytes on
        // 64-bit (16 + 4 + padding), 12 on 32-bit with a 32-bit time_t. The library writes it into our memory.
        let expected = MemoryLayout<UnsafeRawPointer>.size == 8 ? 24 : 12
        #expect(anima_gpiod_v1_line_event_size() == expected)
        #expect(MemoryLayout<anima_gpiod_v1_line_event>.size == expected)
        #expect(MemoryLayout<anima_gpiod_v1_line_event>.offset(of: \.event_type) == MemoryLayout<timespec>.size)
    }
}
