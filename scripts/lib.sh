# Shared by scripts/*: builds the project when needed and knows the class path and JVM flags.
# Sourced, not run.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP_JAR="$ROOT/target/spark-thumbnailer-0.1.0-SNAPSHOT.jar"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

# Builds the application jar, target/spark-classpath.txt and target/jvm-options when any of
# them is missing or older than the sources.
ensure_built() {
  if [ ! -f "$APP_JAR" ] || [ ! -f "$ROOT/target/spark-classpath.txt" ] \
     || [ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$APP_JAR" -print -quit)" ]; then
    echo "building (mvn package -DskipTests) ..." >&2
    (cd "$ROOT" && mvn -q -B -DskipTests package) >&2 || { echo "build failed" >&2; exit 2; }
  fi
}

# The JVM flags Spark needs on Java 17; their one home is <spark.jvm.flags> in pom.xml.
jvm_flags() {
  cat "$ROOT/target/jvm-options"
}

# conf/ first (log4j2.properties), then our jar, then Spark's jars.
app_classpath() {
  echo "$ROOT/conf:$APP_JAR:$(cat "$ROOT/target/spark-classpath.txt")"
}
