// The vector build's start-up check lives in cpu_guard.c, a constructor that runs before
// `main`; there is nothing to call from Swift. (SwiftPM wants a public header directory for
// a C target; this is it.)
#ifndef PROGNOS_CPU_GUARD_H
#define PROGNOS_CPU_GUARD_H
#endif
