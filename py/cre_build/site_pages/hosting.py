"""hosting.md: how to put the built site on a web server or intranet share, with generated server settings."""

from cre import serve

from . import server_config
from .markdown import page, table


def render():
    mime_rows = [(f"`{extension}`", f"`{mime}`") for extension, mime in serve.MIME_TYPES.items()]
    header_rows = [(f"`{name}`", f"`{value}`") for name, value in serve.HEADERS.items()]
    https_rows = [(f"`{name}`", f"`{value}`") for name, value in serve.HTTPS_HEADERS.items()]
    no_cache = ", ".join(f"`{name}`" for name in serve.NO_CACHE)
    folders = ", ".join(f"`{folder}/…/`" for folder in serve.IMMUTABLE_FOLDERS)
    blocks = [
        "# Hosting",
        "This page is for the IT staff who put the toolkit on an intranet. The toolkit is a folder of static "
        "files. There is no server program and no database: nothing a practitioner types is sent anywhere.",
        "## Give it a host name of its own",
        "Put the toolkit on a host name (an origin) of its own, such as `https://cre.intranet.example/`, not "
        "under a folder of a host where other pages and scripts live, such as `https://intranet.example/cre/`. "
        "Browsers keep storage, service workers and the right to script a page per origin (the scheme, host name "
        "and port together), not per folder. So any script on another page of the same host name, from another "
        "application, a plug-in or a page someone uploaded, can:",
        "- open the form in a window and read everything it shows, as it is typed, the drafts' passphrase "
        "included;\n"
        "- open the browser's database of drafts for this origin, list the drafts, delete them or add its own;\n"
        "- with a script file placed higher up the host, register a service worker that answers for the "
        "toolkit's own files.",
        "The toolkit's Content Security Policy stops a script written into its own pages from running, but it "
        "cannot stop a script that another page of the same origin runs. Only a host name of its own keeps every "
        "other page out.",
        "## Put the folder on a web server",
        "Build the site (`make build` writes the folder `public/`), then copy the whole folder to a web server "
        "or intranet share. Technically it works at the root of a site or under a sub-path, such as `/cre/`: "
        "every link inside it is relative. For practitioners' use, make that root or sub-path the only content "
        "of its host name (see above).",
        "- **Guidance pages** (this site) work from any web address, and also when opened straight from a folder "
        "(a `file://` address), including search.\n"
        "- **The assessment form** (`form.html`) needs a web address. Browsers do not run it from a `file://` "
        "address; opened that way, it points to the form in one file instead.\n"
        "- **The form in one file** (`offline/CRE-assessment.html`) is the same form, with everything it runs "
        "inside it, for a file share. It holds the guidance the form links to (risk examples, level of risk and "
        "referral, key contacts, privacy), which opens inside it; the blank form to print (`offline/form-blank.html`) "
        "sits beside it. Copy both files to the share, and practitioners open the form by double-clicking. Neither "
        "asks for anything over the network. Update them by replacing both with a new build's. The form's drafts are "
        "kept, encrypted, in the browser profile of the computer that opened it, in a database of their own; "
        "every page opened from a file shares that browser storage, so the passphrase is what keeps them private. "
        "Web server or file share: the web server is recommended (updates reach everyone, and the form works "
        "offline after one visit).\n"
        "- **Working offline**: the form keeps working with the network gone only when the site is served over "
        "HTTPS (or from `localhost`). Browsers allow the service worker that makes this possible nowhere else.",
        "## Settings the server needs",
        "The server must send these file types with the right MIME type. IIS refuses to serve file types it does "
        "not know (error 404.3).",
        table(["Extension", "MIME type"], mime_rows),
        "It should send these headers with every file:",
        table(["Header", "Value"], header_rows),
        "The pages carry their own Content Security Policy; the header adds what a page cannot say for itself: "
        "no page may show it in a frame. `Cross-Origin-Opener-Policy` cuts the tie between the "
        "toolkit's tab and a page of another site that opened it, so that page cannot later send the tab to a "
        "look-alike screen that asks for the passphrase.",
        "Over HTTPS, it should also send:",
        table(["Header", "Value"], https_rows),
        "Browsers ignore it over plain HTTP. Over HTTPS it tells them to use only HTTPS for this host name, "
        "every page and port of it, for a year: another reason for the toolkit to have a host name of its own.",
        f"It must tell browsers to ask again for the service worker ({no_cache}) and the pages on each visit "
        "(`Cache-Control: no-cache`: an unchanged file is answered 304, not sent), so updates reach everyone; the "
        f"folders named by their content ({folders}) never change, and may be kept a year "
        f"(`{serve.KEEP_A_YEAR}`).",
        "It should compress what compresses: the pages, scripts, stylesheets, JSON and, above all, Pyodide's "
        "WebAssembly, the largest file. The zip files are compressed already. Types to compress: "
        + ", ".join(f"`{kind}`" for kind in serve.COMPRESSED_TYPES) + ".",
        "The files below do all of this. Each is generated from the same settings, and marks the HTTPS-only "
        "header as such.",
        "## IIS",
        "Put [web.config](hosting/web.config) in the site's folder.",
        "```xml\n" + server_config.iis_web_config() + "```",
        "## Apache",
        "Put [apache.htaccess](hosting/apache.htaccess) in the site's folder, renamed `.htaccess`, or copy its "
        "lines into the site's configuration.",
        "```apache\n" + server_config.apache_htaccess() + "```",
        "## nginx",
        "Add [nginx.conf](hosting/nginx.conf) to your `server` block and change the path and folder.",
        "```nginx\n" + server_config.nginx_conf() + "```",
        "## A quick host for testing",
        "The toolkit's own command serves the folder with the same types and headers (plain HTTP, so no "
        "HTTPS-only header). It lists no folder's files and names no software version. It is meant for one "
        "machine, a demonstration or tests, not for an intranet:",
        "```sh\ncre serve public --base /cre/\n```",
        "Then open `127.0.0.1:8000/cre/` in a browser on the same machine. Browsers treat `127.0.0.1` like "
        "`localhost`, so the form works offline there too.",
        "## Updates",
        "Copy the new folder over the old one, keeping your own `web.config` or `.htaccess` if you changed it. "
        "[Version and changes](changes.md) shows which version a site runs.",
    ]
    return page(*blocks)
