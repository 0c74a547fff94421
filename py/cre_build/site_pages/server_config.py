"""Web server settings for the built site (IIS web.config, Apache .htaccess, nginx), generated from the MIME
types and headers that `cre serve` uses (cre.serve.MIME_TYPES, HEADERS, NO_CACHE), so the four never disagree.

The HTTPS-only headers (cre.serve.HTTPS_HEADERS, which `cre serve` never sends: it speaks plain HTTP) are marked
as such in each: Apache sends them only over HTTPS; nginx sends them (browsers ignore them over plain HTTP); IIS
gets them from its own HSTS setting, or from lines left commented out in web.config.
"""

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
    lines += ["    </staticContent>", "    <httpProtocol>", "      <customHeaders>"]
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
    lines += ["      </customHeaders>", "    </httpProtocol>", "  </system.webServer>"]
    for name in serve.NO_CACHE:
        lines += [
            "  <!-- The service worker must be checked on every visit, so updates reach practitioners. -->",
            f"  <location path={quoteattr(name)}>",
            "    <system.webServer>",
            "      <staticContent>",
            '        <clientCache cacheControlMode="DisableCache" />',
            "      </staticContent>",
            "    </system.webServer>",
            "  </location>",
        ]
    lines.append("</configuration>")
    return "\n".join(lines) + "\n"


def _quoted(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def apache_htaccess():
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
    for name in serve.NO_CACHE:
        lines += [f'    <Files "{name}">', '        Header set Cache-Control "no-cache"', "    </Files>"]
    lines.append("</IfModule>")
    return "\n".join(lines) + "\n"


def nginx_conf():
    add_headers = [f"add_header {name} {_quoted(value)} always;" for name, value in serve.HEADERS.items()]
    https_headers = [f"add_header {name} {_quoted(value)} always;" for name, value in serve.HTTPS_HEADERS.items()]
    workers = "|".join(name.replace(".", r"\.") for name in serve.NO_CACHE)
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
        "    # The service worker must be checked on every visit. add_header in a block replaces the",
        "    # inherited ones, so the headers are repeated here.",
        f"    location ~ /({workers})$ {{",
    ]
    lines += [f"        {line}" for line in add_headers]
    lines += [f"        # {HTTPS_ONLY} (see above)."]
    lines += [f"        {line}" for line in https_headers]
    lines += ['        add_header Cache-Control "no-cache" always;', "    }", "}"]
    return "\n".join(lines) + "\n"


def files():
    """The downloadable files, by their path in the built site."""
    return {
        "hosting/web.config": iis_web_config(),
        "hosting/apache.htaccess": apache_htaccess(),
        "hosting/nginx.conf": nginx_conf(),
    }
