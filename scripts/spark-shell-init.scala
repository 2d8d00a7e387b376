// Loaded by scripts/spark-shell (no Spark installation) before the prompt: predefines `spark` and
// `sc` as spark-shell does. The master, the app jar and the REPL's class folder arrive as -D
// system properties, which SparkConf reads.
import org.apache.spark.SparkConf
import org.apache.spark.sql.SparkSession
import io.github.sparkthumbs.job.ThumbnailJob
// @transient, as in Spark's own REPL: a closure that uses a value defined in a later line captures
// the line objects, and these two must not be serialized with it.
@transient val spark = SparkSession.builder()
  .config(new SparkConf().setAppName("spark-thumbnailer-shell").setIfMissing("spark.master", "local[*]"))
  .getOrCreate()
@transient val sc = spark.sparkContext
import spark.implicits._
println(s"Spark ${sc.version} on ${sc.master} (app ${sc.applicationId}): `spark` and `sc` are ready; ThumbnailJob is imported")
