import ParallaxCore
import ParallaxElements

extension AudioTestSource {
    /// An audio test source with its run-time parameters as arguments:
    /// `audiotestsrc wave=square freq=1000 num-buffers=10 samplesperbuffer=512`.
    ///
    /// ```swift
    /// Pipeline { AudioTestSource(wave: .square, frequency: 1000, numBuffers: 10); FakeSink() }
    /// ```
    public init(
        wave: Wave = .sine, frequency: Double = 440, volume: Double = 0.8, numBuffers: Int = -1,
        samplesPerBuffer: Int = 1024
    ) {
        self.init()
        self.wave = wave
        self.frequency = frequency
        self.volume = volume
        self.numBuffers = numBuffers
        self.samplesPerBuffer = samplesPerBuffer
    }
}
