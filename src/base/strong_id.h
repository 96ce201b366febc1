// StrongId<Tag>: a string id that cannot be mixed up with another kind of id or a bare string
// (a TenantId is not a ConnectionId). Construction is explicit; comparison and hashing follow the
// underlying string. Value type.
#pragma once

#include <compare>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace amanah::base {

template <class Tag>
class StrongId {
 public:
  StrongId() = default;
  explicit StrongId(std::string value) : value_(std::move(value)) {}

  const std::string& value() const { return value_; }
  bool empty() const { return value_.empty(); }

  auto operator<=>(const StrongId&) const = default;
  bool operator==(const StrongId&) const = default;

  friend std::ostream& operator<<(std::ostream& out, const StrongId& id) {
    return out << id.value_;
  }

 private:
  std::string value_;
};

}  // namespace amanah::base

template <class Tag>
struct std::hash<amanah::base::StrongId<Tag>> {
  size_t operator()(const amanah::base::StrongId<Tag>& id) const noexcept {
    return std::hash<std::string>{}(id.value());
  }
};
