#include "newsflow/app/thread_name.hpp"

#include <pthread.h>

#include <string>

namespace newsflow::app {

void name_this_thread(std::string_view name) {
  // pthread_setname_np fails (ERANGE) and names nothing past 15 bytes.
  const std::string cut(name.substr(0, 15));
  (void)pthread_setname_np(pthread_self(), cut.c_str());  // a name is a convenience: no failure to report
}

}  // namespace newsflow::app
