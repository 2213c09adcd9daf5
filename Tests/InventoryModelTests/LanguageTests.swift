import InventoryModel
import Testing

@Suite("Language: from the environment and from Accept-Language")
struct LanguageTests {
    /// LC_ALL wins over LC_MESSAGES over LANG, as POSIX orders them; an empty variable is passed
    /// over; a locale SchoolNet does not speak, or none at all, is English.
    @Test(
        arguments: [
            ([:], .en),
            (["LANG": "zh_CN.UTF-8"], .zh),
            (["LANG": "zh_TW.UTF-8"], .zh),
            (["LANG": "en_US.UTF-8"], .en),
            (["LANG": "C.UTF-8"], .en),
            (["LANG": "POSIX"], .en),
            (["LANG": "fr_FR.UTF-8"], .en),
            (["LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"], .en),
            (["LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"], .zh),
            (["LANG": "en_US.UTF-8", "LC_MESSAGES": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"], .zh),
            (["LANG": "zh_CN.UTF-8", "LC_ALL": ""], .zh),
            (["LANG": "zh_CN.UTF-8", "LC_ALL": "fr_FR.UTF-8"], .en),
        ] as [([String: String], Language)])
    func environment(_ variables: [String: String], expected: Language) {
        #expect(Language(environment: variables) == expected)
    }

    /// The language a browser prefers most among Chinese and English; English when it names
    /// neither or sends no header.
    @Test(
        arguments: [
            ("zh-CN,zh;q=0.9,en;q=0.8", .zh),
            ("en-US,en;q=0.9", .en),
            ("fr", .en),
            (nil, .en),
            ("", .en),
            ("en;q=0.5, zh;q=0.8", .zh),
            ("fr-FR,fr;q=0.9,zh;q=0.3", .zh),
            ("zh;q=0, en;q=0.1", .en),
        ] as [(String?, Language)])
    func acceptLanguage(_ header: String?, expected: Language) {
        #expect(Language(acceptLanguage: header) == expected)
    }

    /// A phrase gives its Chinese or its English.
    @Test func phrase() {
        let phrase = Phrase(zh: "区县", en: "district")
        #expect(phrase(.zh) == "区县" && phrase(.en) == "district")
    }
}
