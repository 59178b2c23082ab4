FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY domain ./domain
COPY application ./application
COPY infrastructure ./infrastructure
COPY interfaces ./interfaces
COPY demo ./demo
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["chengxin", "serve", "--host", "0.0.0.0", "--port", "8000"]
