"""A stand-in for PySpark's py4j gateway and StreamingContext: records every call that would cross into the JVM."""

import sys
import types


class RecordingJavaObject:
    """A JVM object whose every method call is recorded and returns the object itself (as a builder does)."""

    def __init__(self, calls, name, args):
        self._calls = calls
        self._calls.append((name, args))

    def __getattr__(self, method):
        def call(*args):
            self._calls.append((method, args))
            return JavaStream(args) if method == "build" else self
        return call


class JavaStream:
    """What the builder's build() returns: the JVM DStream."""

    def __init__(self, args):
        self.args = args


class RecordingJvm:
    """``ssc._jvm``: resolves dotted class names; calling a class records its construction."""

    def __init__(self, calls, path=""):
        self._calls = calls
        self._path = path

    def __getattr__(self, name):
        return RecordingJvm(self._calls, self._path + "." + name if self._path else name)

    def __call__(self, *args):
        return RecordingJavaObject(self._calls, "new " + self._path, args)


class StandInSparkContext:

    @staticmethod
    def _getJavaStorageLevel(level):
        return ("JavaStorageLevel", level)


class StandInStreamingContext:
    """The attributes of pyspark.streaming.StreamingContext that the package uses."""

    def __init__(self):
        self.calls = []
        self._jvm = RecordingJvm(self.calls)
        self._jssc = "the JavaStreamingContext"
        self._sc = StandInSparkContext()

    @staticmethod
    def _jduration(seconds):
        return ("Duration", int(seconds * 1000))

    def builder_calls(self):
        """The calls on the builder, without its construction."""
        return self.calls[1:]


class StandInDStream:
    """pyspark.streaming.DStream: keeps what it wraps and the functions mapped over it."""

    def __init__(self, jdstream, ssc, serializer):
        self.jdstream = jdstream
        self.ssc = ssc
        self.serializer = serializer
        self.mapped = []

    def map(self, function):
        self.mapped.append(function)
        return self


class StandInNoOpSerializer:
    pass


def install_pyspark_stand_in():
    """Puts minimal pyspark.serializers and pyspark.streaming modules in place (pyspark is not installed)."""
    pyspark = types.ModuleType("pyspark")
    serializers = types.ModuleType("pyspark.serializers")
    serializers.NoOpSerializer = StandInNoOpSerializer
    streaming = types.ModuleType("pyspark.streaming")
    streaming.DStream = StandInDStream
    pyspark.serializers = serializers
    pyspark.streaming = streaming
    sys.modules.update({"pyspark": pyspark, "pyspark.serializers": serializers, "pyspark.streaming": streaming})
