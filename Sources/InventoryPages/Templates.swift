/// The Mustache templates of the pages, kept in the binary so that an installed `schoolnet`
/// needs no folder beside it. `{{x}}` escapes; `{{{x}}}` is only for markup built in Swift.
enum Templates {
    static var all: [(String, String)] {
        [
            ("head", head), ("pager", pager), ("layout", layout), ("login", login), ("message", message),
            ("overview", overview),
            ("schools", schools), ("school", school), ("map", map), ("renewals", renewals),
            ("capacity", capacity), ("probes", probes),
        ]
    }

    /// The document's start, shared by the layout and the login page.
    static let head = """
        <!DOCTYPE html>
        <html lang="{{htmlLang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · SchoolNet</title>
        <style>{{{css}}}</style>
        </head>

        """

    /// Links to the pages before and after, and where this one is.
    static let pager = """
        <p class="pager">{{#previous}}<a href="{{previous}}" rel="prev"><span data-label="previous">{{l.previous}}</span></a>{{/previous}} <span>{{pageText}}</span> {{#next}}<a href="{{next}}" rel="next"><span data-label="next">{{l.next}}</span></a>{{/next}}</p>
        """

    static let layout = """
        {{> head}}
        <body>
        <header class="top">
        <a class="brand" href="{{home}}">SchoolNet <span data-label="brand">{{l.brand}}</span></a>
        <nav>{{#nav}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}><span data-label="{{key}}">{{text}}</span></a>{{/nav}}</nav>
        <div class="tools">
        <form method="get" action="{{path}}" class="asof">{{#keep}}<input type="hidden" name="{{name}}" value="{{value}}">{{/keep}}<label><span data-label="as_of">{{l.as_of}}</span> <input type="date" name="as_of" value="{{asOf}}" min="1900-01-01" max="2200-12-31"></label> <button type="submit"><span data-label="show">{{l.show}}</span></button></form>
        <a id="lang-switch" href="{{langSwitch}}" hreflang="{{otherLang}}"><span data-label="lang_switch">{{l.lang_switch}}</span></a>
        <form method="post" action="/logout" class="logout"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit"><span data-label="logout">{{l.logout}}</span></button></form>
        </div>
        </header>
        <main>
        {{{body}}}
        </main>
        </body>
        </html>
        """

    static let login = """
        {{> head}}
        <body class="login">
        <main>
        <h1>SchoolNet <span data-label="brand">{{l.brand}}</span></h1>
        <form id="login-form" method="post" action="/login?lang={{lang}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="token"><span data-label="login_token">{{l.login_token}}</span></label>
        <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
        <p class="hint"><span data-label="login_hint">{{l.login_hint}}</span></p>
        {{#error}}<p id="login-error" class="error" role="alert">{{error}}</p>{{/error}}
        <button type="submit"><span data-label="login_submit">{{l.login_submit}}</span></button>
        </form>
        <p><a id="lang-switch" href="{{langSwitch}}"><span data-label="lang_switch">{{l.lang_switch}}</span></a></p>
        </main>
        </body>
        </html>
        """

    static let message = """
        <h1>{{heading}}</h1>
        <p class="error">{{text}}</p>
        """
}
