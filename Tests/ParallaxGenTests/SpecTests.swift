import ParallaxGenKit
import Testing
