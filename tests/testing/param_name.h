// Names parameterized test instances after the `name` field of their parameter, so ctest lists
// each published vector by its own name (e.g. Rfc4231/Rfc4231Test.HmacSha256/Case6).
#pragma once

#include <gtest/gtest.h>

#include <string>

namespace amanah::testing {

struct ParamName {
  template <class P>
  std::string operator()(const ::testing::TestParamInfo<P>& param_info) const {
    return std::string(param_info.param.name);
  }
};

}  // namespace amanah::testing
