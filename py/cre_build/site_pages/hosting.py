"""hosting.md: how to put the built site on a web server or intranet share, with generated server settings."""

from cre import serve

from . import server_config
from .markdown import page, table


def render():
    mime_rows = [(f"`{extension}`", f"`{mime}`") for extension, mime in serve.MIME_TYPES.items()]
    header_rows = [(f"`{name}`", f"`{value}`") for name, value in serve.HEADERS.items()]
    no_cache = ", ".join(f"`{name}`" for name in serve.NO_CACHE)
    blocks = [
        "# Hosting",
        "This page is for the IT staff who put the toolkit on an intranet. The toolkit is a folder of static "
        "files. There is no server program and no database: nothing a practitioner types is sent anywhere.",
        "## Put the folder on a web server",
        "Build the site (`make build` writes the folder `public/`), then copy the whole folder to any web server "
        "or intranet share. It works at the root of a site or under a sub-path, such as `/cre/`: every link "
        "inside it is relative.",
        "- **Guidance pages** (this site) work from any web address, and also when opened straight from a folder "
        "(a `file://` address), including search.\n"
        "- **The assessment form** needs a web address. Browsers do not run it from a `file://` address.\n"
        "- **Working offline**: the form keeps working with the network gone only when the site is served over "
        "HTTPS (or from `localhost`). Browsers allow the service worker that makes this possible nowhere else.",
        "## Settings the server needs",
        "The server must send these file types with the right MIME type. IIS refuses to serve file types it does "
        "not know (error 404.3).",
        table(["Extension", "MIME type"], mime_rows),
        "It should send these headers with every file:",
        table(["Header", "Value"], header_rows),
        f"And it must tell browsers not to cache the service worker ({no_cache}) so updates reach everyone.",
        "The files below do all of this. Each is generated from the same settings.",
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
        "The toolkit's own command serves the folder with the same types and headers. It is meant for one "
        "machine, a demonstration or tests, not for an intranet:",
        "```sh\ncre serve public --base /cre/\n```",
        "Then open `127.0.0.1:8000/cre/` in a browser on the same machine. Browsers treat `127.0.0.1` like "
        "`localhost`, so the form works offline there too.",
        "## Updates",
        "Copy the new folder over the old one, keeping your own `web.config` or `.htaccess` if you changed it. "
        "[Version and changes](changes.md) shows which version a site runs.",
    ]
    return page(*blocks)
