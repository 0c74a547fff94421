"""Web server settings for the built site (IIS web.config, Apache .htaccess, nginx), generated from the MIME
types, headers, compression and cache lifetimes that `cre serve` uses (cre.serve.MIME_TYPES, HEADERS, NO_CACHE,
COMPRESSED_TYPES, IMMUTABLE_FOLDERS, KEEP_A_YEAR), so the four never disagree: what compresses is sent compressed
(zip files are compressed already), the folders named by their content are kept a year, and everything else,
pages and the service worker first, is asked for again on each visit (`no-cache`).

The HTTPS-only headers (cre.serve.HTTPS_HEADERS, which `cre serve` never sends: it speaks plain HTTP) are marked
as such in each: Apache sends them only over HTTPS; nginx sends them (browsers ignore them over plain HTTP); IIS
gets them from its own HSTS setting, or from lines left commented out in web.config.
"""

import re
from xml.sax.saxutils import quoteattr

from cre import serve

HTTPS_ONLY = "HTTPS sites only"


def iis_web_config():
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!-- CRE Risk Assessment toolkit: put this file in the site's folder (IIS 7.5 or later). Generated. -->",
        "<configuration>",
        "  <system.webServer>",
        "    <staticContent>",
        "      <!-- Remove each type first: IIS refuses a duplicate mimeMap when a parent already sets it. -->",
    ]
    for extension, mime in serve.MIME_TYPES.items():
        lines.append(f"      <remove fileExtension={quoteattr(extension)} />")
        lines.append(f"      <mimeMap fileExtension={quoteattr(extension)} mimeType={quoteattr(mime)} />")
    lines += [
        "      <!-- Everything else is asked for again on each visit (a 304 when unchanged), the service worker",
        f"           ({', '.join(serve.NO_CACHE)}) and the pages first, so updates reach practitioners at once. -->",
        '      <clientCache cacheControlMode="DisableCache" />',
        "    </staticContent>", "    <httpProtocol>", "      <customHeaders>"]
    for name, value in serve.HEADERS.items():
        lines.append(f"        <remove name={quoteattr(name)} />")
        lines.append(f"        <add name={quoteattr(name)} value={quoteattr(value)} />")
    lines += [
        f"        <!-- {HTTPS_ONLY}: turn on HSTS in the site's settings (IIS 10 version 1709 or later, max-age",
        "             31536000), which sends it over HTTPS only; or, where the site is served over HTTPS only,",
        "             take the comment marks away from the lines below. -->",
    ]
    for name, value in serve.HTTPS_HEADERS.items():
        lines.append(f"        <!-- <remove name={quoteattr(name)} /> -->")
        lines.append(f"        <!-- <add name={quoteattr(name)} value={quoteattr(value)} /> -->")
    lines += ["      </customHeaders>", "    </httpProtocol>"]
    lines += [
        "    <!-- Compress what compresses. The types IIS compresses are set for the whole server",
        "         (applicationHost.config, httpCompression/staticTypes): add these there if they are missing:",
        f"         {', '.join(serve.COMPRESSED_TYPES)}.",
        "         With Microsoft's IIS Compression extension installed (iisbrotli.dll), IIS sends Brotli to a",
        "         browser that accepts it, a tenth fewer bytes than gzip for Pyodide's WebAssembly. -->",
        '    <urlCompression doStaticCompression="true" doDynamicCompression="false" />',
        "  </system.webServer>",
    ]
    max_age = re.search(r"max-age=(\d+)", serve.KEEP_A_YEAR)[1]
    days = int(max_age) // 86400
    for folder in serve.IMMUTABLE_FOLDERS:
        lines += [
            "  <!-- Named by their content, these folders never change: kept a year. -->",
            f"  <location path={quoteattr(folder)}>",
            "    <system.webServer>",
            "      <staticContent>",
            f'        <clientCache cacheControlMode="UseMaxAge" cacheControlMaxAge="{days}.00:00:00" '
            'cacheControlCustom="public, immutable" />',
            "      </staticContent>",
            "    </system.webServer>",
            "  </location>",
        ]
    lines.append("</configuration>")
    return "\n".join(lines) + "\n"


def _quoted(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def apache_htaccess():
    types = " ".join(serve.COMPRESSED_TYPES)
    deflate = f"AddOutputFilterByType DEFLATE {types}"
    lines = [
        "# CRE Risk Assessment toolkit: put this in the site's folder as .htaccess (needs AllowOverride FileInfo",
        "# and mod_headers), or copy the lines into the site's <Directory> block. Generated.",
        "<IfModule mod_mime.c>",
    ]
    lines += [f"    AddType {mime} {extension}" for extension, mime in serve.MIME_TYPES.items()]
    lines += ["</IfModule>", "<IfModule mod_headers.c>"]
    lines += [f"    Header always set {name} {_quoted(value)}" for name, value in serve.HEADERS.items()]
    lines.append(f"    # {HTTPS_ONLY}: sent only over HTTPS (Apache 2.4.10 or later).")
    lines += [f"""    Header always set {name} {_quoted(value)} "expr=%{{HTTPS}} == 'on'\""""
              for name, value in serve.HTTPS_HEADERS.items()]
    lines += [
        "    # Asked for again on each visit (a 304 when unchanged), the service worker "
        f"({', '.join(serve.NO_CACHE)}) and the pages first;",
        "    # the folders named by their content never change: kept a year.",
        '    Header set Cache-Control "no-cache"',
        f'    <If "%{{REQUEST_URI}} =~ m#{serve.IMMUTABLE.pattern}#">',
        f'        Header set Cache-Control "{serve.KEEP_A_YEAR}"',
        "    </If>",
        "</IfModule>",
        "# Compress what compresses (zip files are compressed already): Brotli to a browser that accepts it",
        "# where mod_brotli is loaded (Apache 2.4.26 or later), gzip to any other.",
        "<IfModule mod_brotli.c>",
        '    <If "%{HTTP:Accept-Encoding} =~ /\\bbr\\b/">',
        f"        AddOutputFilterByType BROTLI_COMPRESS {types}",
        "    </If>",
        "    <Else>",
        "        <IfModule mod_deflate.c>",
        f"            {deflate}",
        "        </IfModule>",
        "    </Else>",
        "</IfModule>",
        "<IfModule !mod_brotli.c>",
        "    <IfModule mod_deflate.c>",
        f"        {deflate}",
        "    </IfModule>",
        "</IfModule>",
    ]
    return "\n".join(lines) + "\n"


def nginx_conf():
    add_headers = [f"add_header {name} {_quoted(value)} always;" for name, value in serve.HEADERS.items()]
    https_headers = [f"add_header {name} {_quoted(value)} always;" for name, value in serve.HTTPS_HEADERS.items()]
    types = " ".join(t for t in serve.COMPRESSED_TYPES if t != "text/html")  # nginx compresses text/html always
    lines = [
        "# CRE Risk Assessment toolkit: a location block for your server { } block. Generated.",
        "# Here the site is at /cre/ and the built folder is /srv/www/cre: change both to yours.",
        "location /cre/ {",
        "    root /srv/www;",
        "    # A types block replaces the inherited types, so include the standard ones first.",
        "    # nginx warns about the extensions it already knows; the types below win.",
        "    include mime.types;",
        "    types {",
    ]
    lines += [f"        {mime} {extension.lstrip('.')};" for extension, mime in serve.MIME_TYPES.items()]
    lines += ["    }"]
    lines += [f"    {line}" for line in add_headers]
    lines += [f"    # {HTTPS_ONLY}: browsers ignore it over plain HTTP. Delete it if this host name serves anything",
              "    # that cannot move to HTTPS: it holds for every address and port of the host name, for a year."]
    lines += [f"    {line}" for line in https_headers]
    lines += [
        "    # Compress what compresses (zip files are compressed already).",
        "    gzip on;",
        f"    gzip_types {types};  # text/html always",
        "    # With the ngx_brotli module loaded, Brotli too (a tenth fewer bytes than gzip for Pyodide's WebAssembly):",
        "    # brotli on;",
        f"    # brotli_types {types};",
        "    # Asked for again on each visit (a 304 when unchanged), the service worker "
        f"({', '.join(serve.NO_CACHE)}) and the pages first.",
        '    add_header Cache-Control "no-cache" always;',
        "    # Named by their content, these folders never change: kept a year. add_header in a block",
        "    # replaces the inherited ones, so the headers are repeated here.",
        f"    location ~ {serve.IMMUTABLE.pattern} {{",
    ]
    lines += [f"        {line}" for line in add_headers]
    lines += [f"        # {HTTPS_ONLY} (see above)."]
    lines += [f"        {line}" for line in https_headers]
    lines += [f'        add_header Cache-Control "{serve.KEEP_A_YEAR}" always;', "    }", "}"]
    return "\n".join(lines) + "\n"


def files():
    """The downloadable files, by their path in the built site."""
    return {
        "hosting/web.config": iis_web_config(),
        "hosting/apache.htaccess": apache_htaccess(),
        "hosting/nginx.conf": nginx_conf(),
    }
