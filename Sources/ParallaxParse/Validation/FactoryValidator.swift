import ParallaxCore

/// Checks that every element names a registered factory and records its `ElementInfo`.
///
/// ```
/// error: no element "videotestsrcc"
///  --> 1:1
/// ...
///   = help: did you mean "videotestsrc"?
/// ```
/// A factory the build left out (a package trait is off) gets a help line naming the trait instead.
struct FactoryValidator: LaunchValidator {
    func validate(_ syntax: LaunchSyntax, _ analysis: inout LaunchAnalysis) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for (index, element) in syntax.elements.enumerated() {
            if let entry = analysis.registry[element.factory] {
                analysis.infos[index] = entry.info
            } else if let trait = analysis.registry.traitLeavingOut(element.factory) {
                problems.append(
                    Diagnostic(
                        message: "no element \"\(element.factory)\"", span: element.factorySpan,
                        help: "this build of Parallax leaves it out; build with the package trait \"\(trait)\" to have it"))
            } else {
                problems.append(
                    Diagnostic(
                        message: "no element \"\(element.factory)\"", span: element.factorySpan,
                        help: Suggestions.didYouMean(analysis.registry.suggestions(for: element.factory))))
            }
        }
        return problems
    }
}
