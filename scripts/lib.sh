# Shared by scripts/*: builds the project when needed and knows the class path and JVM flags.
# Sourced, not run.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP_JAR="$ROOT/target/spark-thumbnailer-0.1.0-SNAPSHOT.jar"
TOOLS_JAR="$ROOT/target/spark-thumbnailer-0.1.0-SNAPSHOT-tools.jar"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

# Builds the application jar, target/spark-classpath.txt and target/jvm-options (and any FILE
# given) when one is missing or the jar is older than the sources, the job's or the tools' (every
# package rewrites the shaded jar). With THUMBS_NO_BUILD set it fails instead: the cluster tests
# run the scripts from inside a Maven build, which must not start a second one.
#   ensure_built [FILE...]
ensure_built() {
  local missing="" f
  for f in "$APP_JAR" "$ROOT/target/spark-classpath.txt" "$ROOT/target/jvm-options" "$@"; do
    [ -e "$f" ] || missing="$f"
  done
  if [ -n "${THUMBS_NO_BUILD:-}" ]; then
    [ -z "$missing" ] || { echo "missing $missing (THUMBS_NO_BUILD is set: run mvn package)" >&2; exit 2; }
  elif [ -n "$missing" ] \
     || [ -n "$(find "$ROOT/src/main" "$ROOT/src/tools" "$ROOT/pom.xml" -newer "$APP_JAR" -print -quit)" ]; then
    echo "building (mvn package -DskipTests) ..." >&2
    (cd "$ROOT" && mvn -q -B -DskipTests package) >&2 || { echo "build failed" >&2; exit 2; }
  fi
}

# The JVM flags Spark needs on Java 17; their one home is <spark.jvm.flags> in pom.xml.
jvm_flags() {
  cat "$ROOT/target/jvm-options"
}

# -Xmn64m for a heap (as -Xmx takes it: 512m, 1g) of at least 256 MB; nothing for a smaller or
# unreadable one, which keeps the JVM's own split (scripts/thumbnail says why).
young_generation() {
  local heap=$1 n mb
  [[ $heap =~ ^([0-9]+)([kKmMgG]?)$ ]] || return 0
  n=${BASH_REMATCH[1]}
  case ${BASH_REMATCH[2]} in
    k | K) mb=$((n / 1024)) ;;
    m | M) mb=$n ;;
    g | G) mb=$((n * 1024)) ;;
    *) mb=$((n / 1048576)) ;;
  esac
  if [ "$mb" -ge 256 ]; then echo "-Xmn64m"; fi
}

# The launcher's JVM options for the heap given, and glibc's settings for freed native memory
# (scripts/thumbnail says why each): one home for scripts/thumbnail and scripts/warm-runs.
#   launcher_malloc; java $(launcher_jvm_options 1g) ...
launcher_jvm_options() {
  echo "$(jvm_flags) -XX:+UseParallelGC -XX:TieredStopAtLevel=1 -Xmx$1 $(young_generation "$1")"
}
launcher_malloc() {
  export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-268435456}"
  export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-536870912}"
}

# conf/ first (log4j2.properties), then our jar, then Spark's jars.
app_classpath() {
  echo "$ROOT/conf:$APP_JAR:$(cat "$ROOT/target/spark-classpath.txt")"
}

# $HADOOP_CONF_DIR and $YARN_CONF_DIR (the cluster's fs.defaultFS and ResourceManager), each with a
# trailing colon, for the front of a class path, as Spark's launcher puts them on its own: before
# conf/, whose core-site.xml is an empty placeholder that would hide theirs. Empty when unset.
hadoop_conf_classpath() {
  echo "${HADOOP_CONF_DIR:+$HADOOP_CONF_DIR:}${YARN_CONF_DIR:+$YARN_CONF_DIR:}"
}

# conf/ packed as target/conf.jar (remade when a file in conf/ is newer), for class paths that
# class-data sharing must accept: it refuses non-empty directories.
conf_jar() {
  local jar="$ROOT/target/conf.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$ROOT/conf" -newer "$jar" -print -quit)" ]; then
    jar cf "$jar.$$" -C "$ROOT/conf" . && mv -f "$jar.$$" "$jar"
  fi
  echo "$jar"
}

# The generators and experiments (src/tools): the tools jar and its libraries (XChart) after the
# application's class path. Callers run ensure_built_tools first.
tools_classpath() {
  echo "$(app_classpath):$TOOLS_JAR:$(cat "$ROOT/target/tools-classpath.txt")"
}

# ensure_built, and the tools jar and its class path file too.
ensure_built_tools() {
  ensure_built "$TOOLS_JAR" "$ROOT/target/tools-classpath.txt"
}

# Spark's runtime jars (spark-core, spark-sql, Hadoop's client, Scala), as Maven resolved them.
spark_classpath() {
  cat "$ROOT/target/spark-classpath.txt"
}

# Whether a real Spark installation is at $SPARK_HOME (the scripts then use its bin/ tools).
have_spark_installation() {
  [ -n "${SPARK_HOME:-}" ] && [ -x "$SPARK_HOME/bin/spark-submit" ]
}

# Starts a daemon in its own session, stdout+stderr to LOG, and records its pid in PIDFILE.
#   start_daemon PIDFILE LOG MARKER COMMAND...
# Returns once the child has become COMMAND (its command line holds MARKER) or has exited: until
# it execs, the forked child shows this script's command line, and pid_alive would take a daemon
# still starting for one that died (seen on a loaded 2-core machine).
start_daemon() {
  local pidfile="$1" log="$2" marker="$3" pid i
  shift 3
  setsid nohup "$@" </dev/null >"$log" 2>&1 &
  pid=$!
  echo "$pid" >"$pidfile"
  for ((i = 0; i < 200; i++)); do
    pid_alive "$pidfile" "$marker" && return 0
    [ -n "$(tr -d '\0' <"/proc/$pid/cmdline" 2>/dev/null)" ] || return 0
    sleep 0.05
  done
}

# Whether the pid in PIDFILE is alive and still the process we started (its command line holds
# MARKER), so that a recycled pid is never signalled.
pid_alive() {
  local pidfile="$1" marker="$2" pid
  [ -f "$pidfile" ] || return 1
  pid="$(cat "$pidfile")"
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker"
}

# Stops the process recorded in PIDFILE (TERM, then KILL after TIMEOUT seconds) and removes the
# file. Only that pid: its shutdown hooks stop what it started (a Worker its executors).
#   stop_pidfile PIDFILE MARKER [TIMEOUT]
stop_pidfile() {
  local pidfile="$1" marker="$2" timeout="${3:-30}" pid i
  [ -f "$pidfile" ] || return 0
  pid="$(cat "$pidfile")"
  if pid_alive "$pidfile" "$marker"; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < timeout * 10; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "pid $pid did not stop in ${timeout}s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pidfile"
}

# Prints the seconds since the epoch with a fraction (for start-up timings).
now_seconds() {
  date +%s.%N
}
