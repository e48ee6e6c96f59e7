import FlakeTUI

/// Feeds keys through the key map and the reducer, as the run loop does.
extension AppState {
    @discardableResult
    mutating func press(_ keys: Key...) -> Effect? {
        var effect: Effect?
        for key in keys {
            guard let action = KeyMap.action(for: key, mode: mode, screen: screen.kind) else { continue }
            effect = reduce(&self, action)
        }
        return effect
    }

    mutating func type(_ text: String) {
        for c in text { press(.char(c)) }
    }

    var listScreen: ListScreen? {
        if case .list(_, let list) = screen { return list }
        return nil
    }

    var documentScreen: DocumentScreen? {
        if case .document(let doc) = screen { return doc }
        return nil
    }

    static func fixture(_ width: Int = 120, _ height: Int = 40) -> AppState {
        AppState(analysis: FixtureAnalysis.make(), logs: FixtureLogSource(), size: Size(width: width, height: height))
    }
}
