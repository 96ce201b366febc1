#include "venues/venue.h"

namespace amanah::paper {

Venue* Venues::Find(std::string_view name) const {
  for (Venue* venue : venues_) {
    if (venue->name() == name) return venue;
  }
  return nullptr;
}

std::string Venues::Names() const {
  std::string out;
  for (const Venue* venue : venues_) {
    if (!out.empty()) out += ", ";
    out += venue->name();
  }
  return out;
}

}  // namespace amanah::paper
