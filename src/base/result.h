// Result<T>: a value or an Error, on boost::system::result. Expected failures travel as values;
// calling value() on an error is a bug and aborts through AMANAH_CHECK rather than throwing.
#pragma once

#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>

#include "base/check.h"
#include "base/error.h"

namespace amanah::base {

template <class T>
using Result = boost::system::result<T, Error>;

/// Makes an Error usable in `return Fail(...)` from any Result<T> function.
inline Error Fail(ErrorCode code, std::string message) { return Error(code, std::move(message)); }

// Found by ADL from boost::system::result<T, Error>::value() when it holds an error.
[[noreturn]] inline void throw_exception_from_error(const Error& error,
                                                    const boost::source_location&) {
  CheckFailed("result.has_value()", error.ToString());
}

}  // namespace amanah::base

// Evaluates a Result-returning expression; on error returns the error from the enclosing function.
// (The variable's name carries the line, so a lambda inside `expr` may use AMANAH_TRY too.)
#define AMANAH_TRY(expr) AMANAH_TRY_IMPL_(AMANAH_CONCAT_(amanah_try_result_, __LINE__), expr)
#define AMANAH_TRY_IMPL_(tmp, expr) \
  do {                              \
    auto&& tmp = (expr);            \
    if (!tmp) [[unlikely]]          \
      return tmp.error();           \
  } while (false)

// Declares `lhs` from the value of a Result-returning expression, or returns its error.
#define AMANAH_ASSIGN_OR_RETURN(lhs, expr) \
  AMANAH_ASSIGN_OR_RETURN_IMPL_(AMANAH_CONCAT_(amanah_result_, __LINE__), lhs, expr)
#define AMANAH_CONCAT_INNER_(a, b) a##b
#define AMANAH_CONCAT_(a, b) AMANAH_CONCAT_INNER_(a, b)
// NOLINTBEGIN(bugprone-macro-parentheses): `lhs` is a declaration and `tmp` a name; neither can
// be parenthesized.
#define AMANAH_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp) [[unlikely]]                              \
    return tmp.error();                               \
  lhs = std::move(*tmp)
// NOLINTEND(bugprone-macro-parentheses)
