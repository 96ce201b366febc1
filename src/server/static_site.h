// StaticSite: the dashboard's built files (web/, built by ./dev into build/web), read into memory
// once at start and served from there — immutable afterwards, so thread-safe and never touching
// the disk per request. A path names a file under the root; a path without a file extension that
// names none is a page of the single-page app and gets index.html; anything else is absent. A file
// built with a gzip twin (NAME.gz) is sent compressed to clients that accept gzip. Hashed assets
// (under assets/) are cached for a year, everything else is revalidated. Paths never leave the
// root: the table holds only what was under it at load, and lookups are by exact name.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "server/http_server.h"

namespace amanah::server {

class StaticSite {
 public:
  /// Every regular file under `root` (it must hold index.html). kNotFound or kFailedPrecondition
  /// saying what is missing.
  static base::Result<StaticSite> Load(const std::string& root);

  /// The answer to a GET or HEAD of `path` (no query), or none when the site has no such file.
  std::optional<HttpResponse> Answer(std::string_view method, std::string_view path,
                                     bool accepts_gzip) const;

  /// The Content-Security-Policy the site's pages are served with: scripts, styles, images and
  /// API calls from this origin only; no inline script, no framing, no plugins.
  static std::string_view ContentSecurityPolicy();

  size_t files() const { return files_.size(); }

 private:
  struct File {
    std::string body;
    std::optional<std::string> gzip;
    std::string content_type;
  };
  std::map<std::string, File, std::less<>> files_;  ///< by path from the root, "/index.html"
};

}  // namespace amanah::server
