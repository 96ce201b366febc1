#include "server/static_site.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace amanah::server {

namespace fs = std::filesystem;
using base::ErrorCode;
using base::Fail;

namespace {

std::string_view ContentTypeOf(std::string_view path) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html;charset=UTF-8"},
      {".js", "text/javascript;charset=UTF-8"},
      {".css", "text/css;charset=UTF-8"},
      {".json", "application/json;charset=UTF-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain;charset=UTF-8"},
      {".webmanifest", "application/manifest+json"},
  };
  for (const auto& [ext, type] : kTypes) {
    if (path.ends_with(ext)) return type;
  }
  return "application/octet-stream";
}

base::Result<std::string> Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, "cannot read " + path.string());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

base::Result<StaticSite> StaticSite::Load(const std::string& root) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    return Fail(ErrorCode::kNotFound,
                "the dashboard's directory " + root +
                    " does not exist (server.web_dir; ./dev build-web builds it into build/web)");
  }
  StaticSite site;
  std::map<std::string, std::string> gzipped;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const std::string rel = "/" + fs::relative(it->path(), root, ec).generic_string();
    AMANAH_ASSIGN_OR_RETURN(std::string body, Slurp(it->path()));
    if (rel.ends_with(".gz")) {
      gzipped[rel.substr(0, rel.size() - 3)] = std::move(body);
      continue;
    }
    site.files_[rel] = File{std::move(body), std::nullopt, std::string(ContentTypeOf(rel))};
  }
  if (ec) return Fail(ErrorCode::kUnavailable, "reading " + root + ": " + ec.message());
  for (auto& [path, body] : gzipped) {
    if (auto f = site.files_.find(path); f != site.files_.end()) f->second.gzip = std::move(body);
  }
  if (!site.files_.contains("/index.html")) {
    return Fail(ErrorCode::kFailedPrecondition,
                root + " has no index.html: it is not a built dashboard");
  }
  return site;
}

std::optional<HttpResponse> StaticSite::Answer(std::string_view method, std::string_view path,
                                               bool accepts_gzip) const {
  if (method != "GET" && method != "HEAD") return std::nullopt;
  if (path == "/") path = "/index.html";
  auto it = files_.find(path);
  if (it == files_.end()) {
    // A page of the app (/connections, /orders/ab12): the app routes it. A missing file with an
    // extension (/assets/gone.js) is a 404, not the page.
    const size_t slash = path.rfind('/');
    if (path.substr(slash + 1).find('.') != std::string_view::npos) return std::nullopt;
    it = files_.find(std::string_view("/index.html"));
  }
  const File& f = it->second;
  HttpResponse out;
  out.content_type = f.content_type;
  const bool gzip = accepts_gzip && f.gzip.has_value();
  out.body = gzip ? *f.gzip : f.body;
  if (gzip) out.headers.emplace_back("Content-Encoding", "gzip");
  if (f.gzip) out.headers.emplace_back("Vary", "Accept-Encoding");
  out.headers.emplace_back("Cache-Control", it->first.starts_with("/assets/")
                                                ? "public, max-age=31536000, immutable"
                                                : "no-cache");
  if (method == "HEAD") out.body.clear();
  return out;
}

std::string_view StaticSite::ContentSecurityPolicy() {
  return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
         "font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; "
         "form-action 'self'; frame-ancestors 'none'";
}

}  // namespace amanah::server
