// ParallaxTesting: helpers shipped to users for testing their own elements — a one-element harness and a
// manual clock.
@_exported import Parallax
