import AnimaHAL
import CAnimaLinuxIO
import Testing

@Suite("C shim struct layouts match the kernel")
struct CShimLayoutTests {
    @Test func spiTransferIs32BytesOnEveryArchitecture() {
        // u64 buffer fields: a struct built from Swift pointers would be 24 bytes on 32-bit ARM.
        #expect(anima_spi_transfer_struct_size() == 32)
    }

    @Test func i2cMessageHasTheKernelsLayout() {
        // addr, flags, len (u16 each) then a pointer: 16 bytes on 64-bit, 12 on 32-bit.
        let expected = MemoryLayout<UnsafeRawPointer>.size == 8 ? 16 : 12
        #expect(anima_i2c_msg_struct_size() == expected)
    }

    @Test func plannerSegmentCapMatchesTheShim() {
        #expect(Int(anima_spi_max_segments()) == SPIMessagePlanner.defaultMaxSegments)
    }
}
