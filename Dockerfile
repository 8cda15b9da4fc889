# The image-search image: Flink 2.0.2 with the job jar in /opt/flink/usrlib (for FlinkDeployments and standalone
# application clusters), and `image-search` on the PATH (bin/image-search without the build: the project's
# classes and dependencies in /opt/image-search) for what runs outside a Flink cluster: serve, query-job, publish.
# The model is not in the image: mount it at /models (docker-compose.yml, deploy/k8s).
#   docker build -t image-search:0.1.0-SNAPSHOT .

FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /build
# The dependencies in a layer of their own, so a change to the sources does not fetch them again.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY deploy/docker deploy/docker
COPY deploy/local/log4j2.properties deploy/local/log4j2.properties
RUN mvn -B -DskipTests package && deploy/docker/stage-app target /app

FROM flink:2.0.2-java17
# Flink's distribution ships the Prometheus reporter that deploy/flink/config.yaml names as a plugin: fail the
# build, rather than start without metrics, if this image does not.
RUN ls /opt/flink/plugins/metrics-prometheus/flink-metrics-prometheus-*.jar \
    || { echo "no Prometheus reporter in /opt/flink/plugins/metrics-prometheus" >&2; exit 1; }
# Checkpoints and savepoints go to /flink-data (a volume): a new volume takes this folder's owner, the flink user.
RUN mkdir /flink-data && chown flink:flink /flink-data
COPY --from=build /build/target/image-search-*-job.jar /opt/flink/usrlib/image-search-job.jar
COPY --from=build /app /opt/image-search
ENV PATH=/opt/image-search/bin:$PATH
