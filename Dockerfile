# Dossier: build with Maven, run on a slim JRE. The catalogue's database lives in the /data volume.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY build-info build-info
COPY db db
COPY resources resources
COPY src src
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
# curl for the health check below.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN useradd --system --home-dir /app dossier
WORKDIR /app
COPY --from=build /src/target/dossier.jar /app/dossier.jar
COPY seeds /app/seeds
RUN mkdir -p /data && chown dossier /data
USER dossier
VOLUME ["/data"]
# Every serve option can be set the same way (DOSSIER_PUBLIC_URL, DOSSIER_METRICS_PORT, ...; see the README).
ENV DOSSIER_DB=/data/dossier.db \
    DOSSIER_SEEDS=/app/seeds \
    DOSSIER_PORT=7070
EXPOSE 7070
# Readiness: 503 while the index is rebuilt on start, or when the database is lost.
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s CMD curl -fsS http://127.0.0.1:7070/ready || exit 1
ENTRYPOINT ["java", "-Xms512m", "-Xmx512m", "-XX:+UseParallelGC", "-jar", "/app/dossier.jar"]
CMD ["serve"]
